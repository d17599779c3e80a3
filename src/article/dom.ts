/**
 * The few DOM features the HTML reader uses, typed here because the project compiles without
 * the DOM library (it runs in Node, on linkedom's DOM). linkedom's own types name the DOM
 * globals, which resolve to nothing here.
 */
import { parseHTML } from 'linkedom';

export interface DomNode {
  nodeType: number;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
  nextSibling: DomNode | null;
  remove(): void;
}

export interface DomElement extends DomNode {
  tagName: string;
  parentElement: DomElement | null;
  previousElementSibling: DomElement | null;
  nextElementSibling: DomElement | null;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  prepend(...nodes: (DomNode | string)[]): void;
}

export interface DomDocument {
  documentElement: DomElement;
  body: DomElement | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

export const elementNode = 1;
export const textNode = 3;

/** Parses an HTML page (or fragment) into a document. */
export function parseHtmlDocument(html: string): DomDocument {
  return (parseHTML(html) as unknown as { document: DomDocument }).document;
}

export function isElement(node: DomNode): node is DomElement {
  return node.nodeType === elementNode;
}
