// The hidden flag that makes supervisord act as a user= child's first step (see exec-as.ts). Its own module so the
// dispatcher can test for it without loading bun:ffi and the rest of exec-as.ts on every start.
export const EXEC_AS_FLAG = "--exec-as";
