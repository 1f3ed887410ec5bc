// The RPC namespaces (supervisor.*, system.*) over the daemon's public surface.
export { buildMethodTable, createRpcEndpoint, type RpcEndpoint, type RpcLogger, type RpcOutcome } from "./endpoint";
export { faultOf } from "./faults";
export { MethodTable, signatureOf } from "./registry";
