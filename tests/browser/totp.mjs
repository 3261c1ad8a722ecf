// One-time codes for the tests that sign staff in with a second factor.

import { createHmac } from "node:crypto";

// RFC 6238 with SHA-1, 6 digits, 30 s: what an authenticator app shows for `base32`.
export function totp(base32, time = Date.now()) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const c of base32.replace(/[\s=]/g, "")) bits += alphabet.indexOf(c).toString(2).padStart(5, "0");
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(time / 1000 / 30)));
  const h = createHmac("sha1", key).update(counter).digest();
  const at = h[h.length - 1] & 0xf;
  return String((h.readUInt32BE(at) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}
