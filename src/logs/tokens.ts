// Finding capture-mode tokens in a byte stream whose chunks may split a token anywhere.

export const BEGIN_TOKEN = new TextEncoder().encode("<!--XSUPERVISOR:BEGIN-->");
export const END_TOKEN = new TextEncoder().encode("<!--XSUPERVISOR:END-->");

export function indexOfBytes(hay: Uint8Array, needle: Uint8Array): number {
  const first = needle[0]!;
  for (let i = hay.indexOf(first); i >= 0 && i <= hay.length - needle.length; i = hay.indexOf(first, i + 1)) {
    let j = 1;
    while (j < needle.length && hay[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
  }
  return -1;
}

/** Length of the longest proper prefix of needle that ends hay (the bytes to hold back until more arrive). */
export function prefixAtEnd(hay: Uint8Array, needle: Uint8Array): number {
  for (let l = Math.min(needle.length - 1, hay.length); l > 0; l--) {
    let j = 0;
    while (j < l && hay[hay.length - l + j] === needle[j]) j++;
    if (j === l) return l;
  }
  return 0;
}
