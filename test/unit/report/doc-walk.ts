/** Test helpers to look inside pdfmake document definitions. */
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';

type Node = Record<string, unknown>;

/** Every object node of the content tree, depth first. */
export function allNodes(value: unknown, out: Node[] = []): Node[] {
  if (Array.isArray(value)) {
    for (const v of value) allNodes(v, out);
  } else if (value && typeof value === 'object') {
    const node = value as Node;
    out.push(node);
    for (const key of ['section', 'stack', 'columns', 'ul', 'ol', 'text']) if (key in node) allNodes(node[key], out);
    if (node.table && typeof node.table === 'object') allNodes((node.table as Node).body, out);
  }
  return out;
}

export function findById(doc: TDocumentDefinitions, id: string): Node | undefined {
  return allNodes(doc.content).find((n) => n.id === id);
}

/** All text of a content tree, concatenated. */
export function textOf(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(textOf).join('');
  if (value && typeof value === 'object') {
    const node = value as Node;
    if ('text' in node) return textOf(node.text);
    let s = '';
    for (const key of ['section', 'stack', 'columns', 'ul', 'ol']) if (key in node) s += textOf(node[key]);
    if (node.table && typeof node.table === 'object') s += textOf((node.table as Node).body);
    return s;
  }
  return '';
}

export function tableBody(node: Node | undefined): Content[][] {
  if (!node || !node.table) throw new Error('not a table');
  return (node.table as { body: Content[][] }).body;
}
