// RFC 9162 (section 2.1.3.2) inclusion proof verification with WebCrypto SHA-256, so that the
// browser, not the server, decides whether a record belongs to the signed tree.

async function sha256(...parts: Uint8Array[]): Promise<Uint8Array> {
  const joined = new Uint8Array(parts.reduce((size, part) => size + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return new Uint8Array(await crypto.subtle.digest('SHA-256', joined));
}

const LEAF = Uint8Array.of(0x00);
const NODE = Uint8Array.of(0x01);

export function fromHex(hex: string): Uint8Array {
  if (!/^([0-9a-f]{2})*$/i.test(hex)) throw new Error(`not hex: ${hex}`);
  return Uint8Array.from(hex.match(/../g) ?? [], (byte) => parseInt(byte, 16));
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function leafHash(leaf: string): Promise<Uint8Array> {
  return sha256(LEAF, new TextEncoder().encode(leaf));
}

/** The root the audit path leads to from the leaf, or null when the path cannot belong to a tree of that size. */
export async function rootFromInclusionProof(leaf: string, leafIndex: number, treeSize: number, auditPath: string[]): Promise<string | null> {
  if (leafIndex < 0 || leafIndex >= treeSize) return null;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = await leafHash(leaf);
  for (const sibling of auditPath.map(fromHex)) {
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = await sha256(NODE, sibling, r);
      // A right edge without a sibling on this level: climb until this node is a right child.
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = await sha256(NODE, r, sibling);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? toHex(r) : null;
}
