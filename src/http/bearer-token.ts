// Reads `Authorization: Bearer <key>` (RFC 6750 §2.1); anything else yields no token.

export function bearerTokenOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^Bearer[ ]+([^\s]+)\s*$/i.exec(header);
  return match ? match[1] : undefined;
}

/** The challenge sent with every 401 (RFC 6750 §3). */
export function bearerChallenge(tokenPresented: boolean): string {
  return tokenPresented ? 'Bearer realm="anonex", error="invalid_token"' : 'Bearer realm="anonex"';
}
