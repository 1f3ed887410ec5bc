// The XML-RPC codec shared by the server (src/http) and the client (src/ctl). Pure: no I/O and no runtime APIs.
export { decodeRequest, decodeResponse, type MethodCall } from "./decode";
export { encodeFault, encodeRequest, encodeResponse, encodeValueXml } from "./encode";
export { XmlRpcDecodeError, XmlRpcFault } from "./errors";
export type { XmlRpcStruct, XmlRpcValue } from "./values";
export { DEFAULT_LIMITS, type ReadLimits } from "./xml-reader";
