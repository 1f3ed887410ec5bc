// The JS shape of XML-RPC values, shared by the encoder and the decoder.
//   int, i4, i8 ⇄ number (integers in the signed 32-bit range encode as <int>, other numbers as <double>)
//   boolean ⇄ boolean; string (and untyped text) ⇄ string; double → number
//   dateTime.iso8601 ⇄ Date (read and written as UTC, the form has no zone); base64 ⇄ Uint8Array
//   struct ⇄ plain object; array ⇄ array; nil ⇄ null

export type XmlRpcValue = number | boolean | string | Date | Uint8Array | null | XmlRpcValue[] | XmlRpcStruct;
export interface XmlRpcStruct {
  [key: string]: XmlRpcValue;
}

export const INT_MIN = -2147483648;
export const INT_MAX = 2147483647;
