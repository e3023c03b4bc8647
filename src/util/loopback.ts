/** True for URLs on this machine only (localhost, 127.0.0.0/8, ::1). */
export function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    // WHATWG URL writes every IPv4 form as a dotted quad; a DNS name such as 127.0.0.1.nip.io is not loopback.
    return host === 'localhost' || host === '[::1]' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
  } catch {
    return false;
  }
}
