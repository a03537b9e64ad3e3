import type { FastifyHelmetOptions } from '@fastify/helmet';
import type { Config } from '../config.ts';

/**
 * Security headers on every response (HTML, API, files), through @fastify/helmet.
 *
 * The Content-Security-Policy allows scripts only from our own origin: the built web app and
 * swagger-ui load their scripts as files, none inline. Styles allow 'unsafe-inline' because antd
 * (CSS-in-JS) and swagger-ui insert <style> elements at run time; a style cannot run code. The
 * app may not be framed by anyone (clickjacking on staff pages). HSTS and upgrading insecure
 * requests only make sense — and only are safe — when the deployment is served over HTTPS, which
 * GONGZHI_SECURE_COOKIES declares; on plain HTTP (the demo on a LAN address) they would break it.
 */
export function securityHeaders(config: Pick<Config, 'secureCookies'>): FastifyHelmetOptions {
  const https = config.secureCookies;
  return {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'base-uri': ["'self'"],
        'script-src': ["'self'"],
        'script-src-attr': ["'none'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        // Photos previewed before upload (data:/blob:), QR codes (data:), downloads (blob:).
        'img-src': ["'self'", 'data:', 'blob:'],
        'media-src': ["'self'", 'blob:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        // The service worker that keeps the app for offline door-to-door work (issue #21).
        'worker-src': ["'self'"],
        'manifest-src': ["'self'"],
        'object-src': ["'none'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        ...(https ? { 'upgrade-insecure-requests': [] } : {}),
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    hsts: https ? { maxAge: 31536000, includeSubDomains: true } : false,
    // Downloads (PDF, xlsx) are opened in new tabs of the same origin; nothing is embedded cross-origin.
    crossOriginEmbedderPolicy: false,
  };
}
