import { dispatch } from "./cli/dispatch";

// The compiled binary answers to the name it was invoked by (argv[0]), so one file serves all three faces.
await dispatch(process.argv0, process.argv.slice(2));
