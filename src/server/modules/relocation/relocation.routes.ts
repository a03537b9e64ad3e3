import type { Deps } from '../../platform/deps.ts';
import type { App } from '../../platform/http.ts';
import { rentalsRoutes } from './relocation.routes.rentals.ts';
import { moversRoutes } from './relocation.routes.movers.ts';
import { storageRoutes } from './relocation.routes.storage.ts';
import { marketRoutes } from './relocation.routes.market.ts';

/** The relocation API (/api/relocation/…), one route file per part of the service. */
export function relocationRoutes(app: App, deps: Deps): void {
  rentalsRoutes(app, deps);
  moversRoutes(app, deps);
  storageRoutes(app, deps);
  marketRoutes(app, deps);
}
