/**
 * What the policy's JSON Schema (`policySchema()`, the one `postlint policy
 * schema` prints) says about a place in the document: the keys an object
 * there may have, the values a key may take, and their documentation. The
 * editor turns this into completion and hover; it is DOM-free so that it is
 * tested without a browser.
 *
 * Written here rather than taken from `codemirror-json-schema`, which does
 * the same for CodeMirror but bundles a syntax highlighter and a Markdown
 * renderer (several megabytes) for its tooltips; the policy schema needs only
 * `$ref`, `properties`, `items`, `anyOf`/`oneOf` and `enum`/`const`.
 */

/** The part of JSON Schema the policy schema uses. */
export interface Schema {
  $ref?: string;
  $defs?: Record<string, Schema>;
  description?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: boolean | Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
}

/** One step into the document: an object key or an array index. */
export type Step = string | number;

/**
 * A place in the document: the steps from the root, and the value of the
 * `kind` key of the objects involved. Rules are one schema variant per kind;
 * `kind` picks the variant.
 */
export interface Place {
  steps: Step[];
  /** Per step: the `kind` of the object the step is a key of (unused for indexes). */
  kinds: (string | undefined)[];
  /** The `kind` of the object at the place itself, for its keys. */
  kind?: string;
}

export interface KeyOption {
  name: string;
  description: string;
  required: boolean;
}

export interface ValueOption {
  /** The value as JSON text, e.g. `"warn"` or `true`. */
  json: string;
  description: string;
}

/** Follows `$ref` into `$defs` (the only references the schema has). */
function deref(root: Schema, schema: Schema): Schema {
  let current = schema;
  for (let hops = 0; current.$ref && hops < 32; hops += 1) {
    const name = current.$ref.replace(/^#\/\$defs\//, '');
    const target = root.$defs?.[name];
    if (!target) return {};
    // A reference with its own description (a property's) keeps it.
    current = { ...target, description: current.description ?? target.description };
  }
  return current;
}

/** The alternatives a schema stands for, flattened through `$ref`, `anyOf` and `oneOf`. */
function alternatives(root: Schema, schema: Schema, depth = 0): Schema[] {
  const resolved = deref(root, schema);
  const choices = resolved.anyOf ?? resolved.oneOf;
  if (!choices || depth > 8) return [resolved];
  return choices.flatMap((choice) => alternatives(root, choice, depth + 1).map((alternative) => ({ ...alternative, description: alternative.description ?? resolved.description })));
}

/** The object alternatives at a place, narrowed to the variant whose `kind` matches when one does. */
function objectAlternatives(root: Schema, schema: Schema, kind: string | undefined): Schema[] {
  const objects = alternatives(root, schema).filter((alternative) => alternative.properties);
  const matching = objects.filter((alternative) => kind !== undefined && alternative.properties?.kind?.const === kind);
  return matching.length > 0 ? matching : objects;
}

/** The schema of the value at `place`, as the alternatives it may take. */
export function schemasAt(root: Schema, place: Place): Schema[] {
  let current: Schema[] = [root];
  place.steps.forEach((step, index) => {
    current = current.flatMap((schema): Schema[] => {
      if (typeof step === 'number') return alternatives(root, schema).flatMap((alternative) => (alternative.items ? [alternative.items] : []));
      return objectAlternatives(root, schema, place.kinds[index]).flatMap((object) => {
        const property = object.properties?.[step];
        if (property) return [property];
        return typeof object.additionalProperties === 'object' ? [object.additionalProperties] : [];
      });
    });
  });
  return current;
}

/** The keys an object at `place` may have, each once, with its documentation. */
export function keysAt(root: Schema, place: Place): KeyOption[] {
  const seen = new Map<string, KeyOption>();
  for (const schema of schemasAt(root, place)) {
    for (const object of objectAlternatives(root, schema, place.kind)) {
      for (const [name, property] of Object.entries(object.properties ?? {})) {
        if (seen.has(name)) continue;
        seen.set(name, { name, description: describe(root, property), required: object.required?.includes(name) ?? false });
      }
    }
  }
  return [...seen.values()];
}

/** The fixed values (enums, constants, booleans) the value at `place` may take. */
export function valuesAt(root: Schema, place: Place): ValueOption[] {
  const seen = new Map<string, ValueOption>();
  const add = (value: unknown, description: string): void => {
    const json = JSON.stringify(value);
    if (!seen.has(json)) seen.set(json, { json, description });
  };
  for (const schema of schemasAt(root, place)) {
    for (const alternative of alternatives(root, schema)) {
      const description = alternative.description ?? '';
      if (alternative.const !== undefined) add(alternative.const, description);
      for (const value of alternative.enum ?? []) add(value, description);
      const types = Array.isArray(alternative.type) ? alternative.type : [alternative.type];
      if (types.includes('boolean')) {
        add(true, description);
        add(false, description);
      }
    }
  }
  return [...seen.values()];
}

/** The documentation of the value at `place`: the first description any of its alternatives has. */
export function documentationAt(root: Schema, place: Place): string {
  for (const schema of schemasAt(root, place)) {
    const text = describe(root, schema);
    if (text) return text;
  }
  return '';
}

function describe(root: Schema, schema: Schema): string {
  return schema.description ?? deref(root, schema).description ?? '';
}
