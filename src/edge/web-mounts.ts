// Non-API mounts (the server-rendered console under src/web): Express routers that are not
// OpenAPI operations. The gateway passes their factories in; the app mounts each before the 404.
// It sits in the edge so web (which implements it) and http (which mounts it) stay siblings.
import type { Router } from 'express';
import type { Services } from '../services/index.js';

export interface WebMount {
  /** e.g. `/console` */
  readonly path: string;
  readonly router: Router;
}

export type WebMountFactory = (services: Services) => WebMount;
