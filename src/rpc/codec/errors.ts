// The two ways a decode can end other than with a value: the body was not valid XML-RPC, or it was a valid fault.

/** The body is not well-formed XML-RPC (or breaks a safety limit). The only error the decoders throw. */
export class XmlRpcDecodeError extends Error {
  override name = "XmlRpcDecodeError";
}

/** A well-formed <fault> response: the server's faultCode and faultString. */
export class XmlRpcFault extends Error {
  override name = "XmlRpcFault";
  constructor(
    readonly faultCode: number,
    readonly faultString: string,
  ) {
    super(`<Fault ${faultCode}: '${faultString}'>`);
  }
}
