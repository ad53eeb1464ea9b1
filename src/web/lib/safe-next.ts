/** The `next` parameter when it is a path inside this app; anything else (other sites) becomes '/'. */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.startsWith('/sign-in')) {
    return '/';
  }
  return next;
}
