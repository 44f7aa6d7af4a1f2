/**
 * The renderer's Content-Security-Policy, the same in Electron (app:// responses) and in the
 * browser host (HTTP header). No remote content at all; scripts only from the app itself.
 * Inline styles are allowed because the UI library sets CSS variables through style attributes.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
