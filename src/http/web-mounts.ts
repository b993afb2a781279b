// Non-API mounts (the server-rendered console under src/web): Express routers that are not
// OpenAPI operations. The gateway passes their factories in; the app mounts each before the 404.
import type { Router } from 'express';
import type { Services } from '../services/index.js';

export interface WebMount {
  /** e.g. `/console` */
  readonly path: string;
  readonly router: Router;
}

export type WebMountFactory = (services: Services) => WebMount;
