/**
 * Completion and hover documentation in the policy editor, from the policy's
 * JSON Schema: the keys an object may have where the cursor is, the values a
 * key may take, and what each means. The place in the document comes from
 * CodeMirror's JSON syntax tree, which stays usable while the text is
 * half-typed; what the schema says about it comes from `schema-assist.ts`.
 */

import { autocompletion, type Completion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { syntaxTree } from '@codemirror/language';
import type { EditorState, Extension } from '@codemirror/state';
import { hoverTooltip } from '@codemirror/view';
import type { SyntaxNode } from '@lezer/common';
import { documentationAt, keysAt, valuesAt, type Place, type Schema, type Step } from './schema-assist';

const VALUE_NODES = new Set(['Object', 'Array', 'String', 'Number', 'True', 'False', 'Null']);

function decode(state: EditorState, node: SyntaxNode): string | undefined {
  try {
    const value: unknown = JSON.parse(state.sliceDoc(node.from, node.to));
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

function keyOf(state: EditorState, property: SyntaxNode): string | undefined {
  const name = property.getChild('PropertyName');
  return name ? decode(state, name) : undefined;
}

/** The `kind` value of an object node, if it has one written out. */
function kindOf(state: EditorState, object: SyntaxNode): string | undefined {
  for (const property of object.getChildren('Property')) {
    if (keyOf(state, property) !== 'kind') continue;
    const value = property.getChild('String');
    return value ? decode(state, value) : undefined;
  }
  return undefined;
}

/** The place of a value node (or of an object being typed into). */
function placeOf(state: EditorState, node: SyntaxNode): Place {
  const steps: Step[] = [];
  const kinds: (string | undefined)[] = [];
  let child = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (parent.name === 'Property') {
      const container = parent.parent;
      steps.unshift(keyOf(state, parent) ?? '');
      kinds.unshift(container ? kindOf(state, container) : undefined);
    } else if (parent.name === 'Array') {
      let index = 0;
      for (let sibling = child.prevSibling; sibling; sibling = sibling.prevSibling) if (VALUE_NODES.has(sibling.name)) index += 1;
      steps.unshift(index);
      kinds.unshift(undefined);
    }
  }
  return { steps, kinds, kind: node.name === 'Object' ? kindOf(state, node) : undefined };
}

/**
 * Keys for the object `object`. `typing` is the key being typed, from its
 * opening quote (closed or not) to `to`; without it the key is inserted
 * whole, quotes and all, at `to`.
 */
function keyCompletions(state: EditorState, object: SyntaxNode, schema: Schema, typing: SyntaxNode | null, to: number): CompletionResult {
  const present = new Set(object.getChildren('Property').filter((property) => property.getChild('PropertyName') !== typing).map((property) => keyOf(state, property)));
  const followedByColon = typing?.nextSibling?.name === ':';
  const options: Completion[] = keysAt(schema, placeOf(state, object))
    .filter((key) => !present.has(key.name))
    .map((key) => ({
      label: key.name,
      type: 'property',
      detail: key.required ? '*' : undefined,
      info: key.description || undefined,
      // Typed inside the quotes: the name, its closing quote, the colon.
      apply: typing ? (followedByColon ? `${key.name}"` : `${key.name}": `) : `${JSON.stringify(key.name)}: `,
    }));
  return { from: typing ? typing.from + 1 : to, to, options, filter: true };
}

function valueCompletions(state: EditorState, property: SyntaxNode, schema: Schema, from: number, to: number): CompletionResult | null {
  const container = property.parent;
  const key = keyOf(state, property);
  if (!container || key === undefined) return null;
  const outer = placeOf(state, container);
  const place: Place = { steps: [...outer.steps, key], kinds: [...outer.kinds, kindOf(state, container)] };
  const options: Completion[] = valuesAt(schema, place).map((value) => ({ label: value.json, type: 'enum', info: value.description || undefined }));
  return options.length > 0 ? { from, to, options, filter: true } : null;
}

function complete(schema: Schema, context: CompletionContext): CompletionResult | null {
  const node = syntaxTree(context.state).resolveInner(context.pos, -1);
  if (node.name === 'PropertyName' && node.parent?.parent) return keyCompletions(context.state, node.parent.parent, schema, node, node.to);
  // A string still being typed has no closing quote yet: the parser marks it as an error.
  if (node.name === '⚠' && context.state.sliceDoc(node.from, node.from + 1) === '"') {
    if (node.parent?.name === 'Object') return keyCompletions(context.state, node.parent, schema, node, context.pos);
    if (node.parent?.name === 'Property') return valueCompletions(context.state, node.parent, schema, node.from, context.pos);
  }
  if (node.name === 'String' && node.parent?.name === 'Property') return valueCompletions(context.state, node.parent, schema, node.from, node.to);
  if (node.name === ':' && node.parent?.name === 'Property') return valueCompletions(context.state, node.parent, schema, context.pos, context.pos);
  if (!context.explicit) return null;
  if (node.name === 'Property' && node.getChild(':')) return valueCompletions(context.state, node, schema, context.pos, context.pos);
  const object = node.name === 'Object' ? node : node.parent?.name === 'Object' ? node.parent : null;
  return object ? keyCompletions(context.state, object, schema, null, context.pos) : null;
}

/** Completion (as you type a key or a value, and on Ctrl-Space) and hover documentation for keys. */
export function schemaAssistance(schema: Schema): Extension {
  return [
    autocompletion({ override: [(context) => complete(schema, context)] }),
    hoverTooltip((view, pos, side) => {
      const node = syntaxTree(view.state).resolveInner(pos, side);
      const property = node.name === 'PropertyName' ? node.parent : null;
      if (!property?.parent) return null;
      const key = keyOf(view.state, property);
      if (key === undefined) return null;
      const outer = placeOf(view.state, property.parent);
      const text = documentationAt(schema, { steps: [...outer.steps, key], kinds: [...outer.kinds, kindOf(view.state, property.parent)] });
      if (!text) return null;
      return {
        pos: node.from,
        end: node.to,
        create: () => {
          const dom = document.createElement('div');
          dom.className = 'schema-doc';
          dom.textContent = text;
          return { dom };
        },
      };
    }),
  ];
}
