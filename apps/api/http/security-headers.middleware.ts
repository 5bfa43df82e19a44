// The headers helmet would set, without another dependency: no MIME sniffing, no framing, no referrer, same-origin
// resources, HSTS for deployments behind TLS, and a strict CSP for the JSON API (the Swagger UI under /docs needs its
// own scripts and styles, so it keeps the browser default). Express's X-Powered-By is switched off in app.factory.
import type { NextFunction, Request, Response } from 'express';

const STRICT_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export function securityHeaders(req: Request, res: Response, next: NextFunction): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Strict-Transport-Security', 'max-age=15552000; includeSubDomains');
  res.setHeader('X-DNS-Prefetch-Control', 'off');
  if (!req.path.startsWith('/docs')) res.setHeader('Content-Security-Policy', STRICT_CSP);
  next();
}
