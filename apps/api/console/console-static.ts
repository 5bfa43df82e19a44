// Serves the web console (built by Vite into dist/web) at `/` on the API's own origin. Only GET requests outside the
// API's paths fall back to index.html, so /v1, /docs and /health keep their own answers (including their 404s).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

const API_PATHS = /^\/(v1|docs|health)(\/|-|$)/;

/** dist/web beside the compiled app (dist/apps/api/console → dist/web) or, run from source, under dist/. */
export function consoleDirectory(): string | null {
  const candidates = ['../../../web', '../../../dist/web'].map((p) => fileURLToPath(new URL(p, import.meta.url)));
  return candidates.find((dir) => existsSync(`${dir}/index.html`)) ?? null;
}

// The page loads nothing from elsewhere (no CDN, works offline); inline styles are Element Plus's positioning.
const CONTENT_SECURITY_POLICY = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

export function serveConsole(app: NestExpressApplication, dir = consoleDirectory()): void {
  if (dir === null) return; // not built (e.g. `tsc` only): the API works without its console
  app.useStaticAssets(dir, {
    index: false,
    setHeaders: (res, path) => {
      // Vite names assets by content hash: cache them for good; index.html is always asked again.
      res.setHeader('Cache-Control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || API_PATHS.test(req.path) || !req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.sendFile(`${dir}/index.html`);
  });
}
