/**
 * The bounds of every text field a registry agent holds (spec section 11).
 * Each leaves wide room over the shipped examples and the imports of
 * `shared/examples` (the longest of each in brackets), while keeping a
 * stored agent small enough for a table column, a card and a page header.
 * Lengths are in UTF-16 code units, as `String.length` and `maxLength`
 * count them.
 *
 * @public
 */
export const REGISTRY_LIMITS = {
  /** A display name, shown in the ranking, on cards and in the header [28]. */
  title: 120,
  /** A few paragraphs of Markdown; a card's description plus its skills [517]. */
  description: 4000,
  /** Tags: a card brings its skill ids and skill tags [9]; each tag is the catalog's 63 at most. */
  tags: 30,
  /** Links: a card brings its endpoints, provider and documentation [3]. */
  links: 20,
  /** A link's URL: the common browser and proxy limit [46]. */
  linkUrl: 2048,
  /** A link's title, an icon id or a link type [32]. */
  linkText: 120,
  /** `spec.lifecycle`: one word such as `production` [12]. */
  lifecycle: 63,
  /** An entity ref (`spec.owner`, `spec.system`, each of `spec.dependsOn`): kind, namespace and name of 63 each. */
  entityRef: 255,
  /** `spec.dependsOn`: the agent's tools and other dependencies [8]. */
  dependsOn: 100,
  /** `apiVersion`, e.g. `backstage.io/v1alpha1`. */
  apiVersion: 63,
  /** Annotations: the contract defines about 60 keys, an assessment uses [31]. */
  annotations: 100,
  /**
   * Each annotation value: a MAESTRO layer's text [330] is the longest kind,
   * or a card's security schemes as JSON [187] with OAuth flows and scopes.
   */
  annotationValue: 4000,
} as const;
