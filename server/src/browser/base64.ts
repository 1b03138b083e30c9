/** base64 <-> bytes with the Web APIs (atob/btoa), for the worker's messages; no Buffer in a browser. */
export function bytesOfBase64(base64: string): Uint8Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}
