// The config module's public surface: load a Config (INI or TOML, with includes), parse text in tests, compare
// two Configs for reread/update, and the types.
export { loadConfig, parseConfigText, findConfigFile, systemUsers, type LoadOptions } from "./load";
export { configSearchPaths } from "./search-path";
export { ConfigError } from "./errors";
export { diffGroups, groupEquals, processEquals, socketUrl, type ConfigDiff } from "./diff";
export { splitCommand } from "./shlex";
export { signalNumber, normalizePath } from "./datatypes";
export type { ConfigHost, UserDb, UserRecord } from "./host";
export { userDbFromText } from "./host";
export type * from "./types";
export { iniToToml, documentToToml } from "./toml-write";
