import {
  BackstageCredentials,
  BackstageServicePrincipal,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';

/**
 * The subject Backstage gives the catalog plugin's own service token
 * (`plugin:<pluginId>`, also when the catalog runs in another backend of a
 * split deployment). Static external access tokens are `external:...`, other
 * plugins `plugin:<their id>`.
 */
const CATALOG_SERVICE_SUBJECT = 'plugin:catalog';

/**
 * The registry feed hands out every registry entity before the catalog
 * applies its read rules, so only the catalog itself may read it: not a
 * user, not another plugin, not an external token.
 */
export function requireCatalogService(credentials: BackstageCredentials) {
  const principal = credentials.principal as Partial<BackstageServicePrincipal>;
  if (
    principal.type !== 'service' ||
    principal.subject !== CATALOG_SERVICE_SUBJECT
  ) {
    throw new NotAllowedError(
      `Only the catalog (${CATALOG_SERVICE_SUBJECT}) may read the registry feed`,
    );
  }
}

/**
 * Actions that act for a person (register an agent) need a user: a service
 * principal has no one to check a policy for or to name in the audit trail.
 */
export function requireUser(credentials: BackstageCredentials, what: string) {
  const principal = credentials.principal as { type?: string };
  if (principal.type !== 'user') {
    throw new NotAllowedError(
      `${what} acts for a person: it needs a user's credentials, not a ${
        principal.type ?? 'unknown'
      } principal`,
    );
  }
}
