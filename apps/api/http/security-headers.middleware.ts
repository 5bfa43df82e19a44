// Security headers by helmet 8 (pinned): no MIME sniffing, no framing (DENY, not helmet's SAMEORIGIN: nothing of
// ours is framed), no referrer, same-origin resources and opener, HSTS for deployments behind TLS, and a strict CSP for
// the JSON API. The Swagger UI under /docs needs its own scripts and styles, so it keeps the browser default; the
// console at / sets its own CSP on its page (console-static.ts). Express's X-Powered-By is switched off in app.factory.
import helmet, { type HelmetOptions } from 'helmet';
import type { NextFunction, Request, Response } from 'express';

const COMMON: HelmetOptions = {
  xFrameOptions: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
  crossOriginResourcePolicy: { policy: 'same-origin' },
  crossOriginOpenerPolicy: { policy: 'same-origin' },
  strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
};

const API = helmet({
  ...COMMON,
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] },
  },
});
const DOCS = helmet({ ...COMMON, contentSecurityPolicy: false });

export function securityHeaders(req: Request, res: Response, next: NextFunction): void {
  (req.path.startsWith('/docs') ? DOCS : API)(req, res, next);
}
