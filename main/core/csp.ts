/**
 * The renderer's Content-Security-Policy, the same in Electron (app:// responses) and in the
 * browser host (HTTP header). No remote content at all; scripts only from the app itself.
 * Inline styles are allowed because the UI library sets CSS variables through style attributes.
 */
const DIRECTIVES = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
];

/** Sent as a header with every file: the page may not be framed by anyone either. */
export const CONTENT_SECURITY_POLICY = [...DIRECTIVES, "frame-ancestors 'none'"].join('; ');

/**
 * The same policy as the `<meta http-equiv="Content-Security-Policy">` of renderer/index.html
 * (a test keeps the two equal): browsers ignore frame-ancestors in a meta element, so it is left
 * to the header. The meta makes the policy part of the page itself, whatever serves it, and
 * visible to static checks that cannot see a header set in code.
 */
export const META_CONTENT_SECURITY_POLICY = DIRECTIVES.join('; ');
