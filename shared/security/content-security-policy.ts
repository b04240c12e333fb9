/**
 * The Content-Security-Policy of the app's page, one list for every door: the browser host sends
 * it as a header, Electron adds the header to its responses, and the built index.html carries it
 * as a <meta> tag, so the packaged `file://` page (which has no response headers) is covered too.
 */
const DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  // appfile: is the Electron main process serving a staged report PDF for its preview.
  "connect-src 'self' appfile:",
  "frame-src 'self' blob:",
  "object-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
];

export const CONTENT_SECURITY_POLICY = DIRECTIVES.join('; ');

/** Browsers ignore frame-ancestors in a <meta> policy (and warn), so the meta tag leaves it out. */
export const META_CONTENT_SECURITY_POLICY = DIRECTIVES.filter((d) => !d.startsWith('frame-ancestors')).join('; ');

/** The <meta> tag for index.html. */
export function cspMetaTag(): string {
  return `<meta http-equiv="Content-Security-Policy" content="${META_CONTENT_SECURITY_POLICY}" />`;
}
