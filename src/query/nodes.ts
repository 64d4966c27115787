/**
 * Report nodes: what one row of `top` stands for at a given granularity
 * (a function, a file, a source line, an address). Each location expands to
 * one node per kept line, innermost first, the way pprof's graph does; two
 * lines with the same identity share a node.
 */

import type { LocationTable } from '../model/location-table.js';
import { cleanPath } from './paths.js';
import type { FilterView } from './filter.js';
import type { Granularity } from './options.js';

/** Identity of a node, mirroring the fields pprof keys its nodes by. */
export interface NodeInfo {
  readonly name: string;
  readonly address: bigint;
  readonly file: string;
  readonly startLine: number;
  readonly lineno: number;
  readonly objfile: string;
}

/** Nodes of a profile at one granularity and the nodes of each location. */
export interface NodeTable {
  readonly infos: readonly NodeInfo[];
  /** Location i's nodes are `locNodes[locOffsets[i] .. locOffsets[i+1])`, innermost first. */
  readonly locOffsets: Uint32Array;
  readonly locNodes: Int32Array;
  /** isInlined[n] = 1 when node n appears somewhere as an inlined (non-outermost) line. */
  readonly isInlined: Uint8Array;
}

/** Which parts of a frame a granularity keeps. */
interface Keep { fn: boolean; file: boolean; line: boolean; address: boolean }

function keepFor(g: Granularity): Keep {
  switch (g) {
    case 'functions': return { fn: true, file: false, line: false, address: false };
    case 'filefunctions': return { fn: true, file: true, line: false, address: false };
    case 'files': return { fn: false, file: true, line: false, address: false };
    case 'lines': return { fn: true, file: true, line: true, address: false };
    // Addresses keep every part of the frame (with or without -noinlines).
    case 'addresses': return { fn: true, file: true, line: true, address: true };
  }
}

/** pprof strips these prefixes from source paths when no trim path is configured. */
const TRIMMED_PREFIXES = ['/proc/self/cwd/./', '/proc/self/cwd/'];

function trimSourcePath(path: string): string {
  for (const p of TRIMMED_PREFIXES) if (path.startsWith(p)) return path.slice(p.length);
  return path;
}

/** The identity of line k of location `loc` (k = -1: a location without lines). */
function infoOf(t: LocationTable, loc: number, k: number, keep: Keep): NodeInfo {
  const objfile = t.mappingOf(loc)?.filename ?? '';
  const address = keep.address ? t.addressOf(loc) : 0n;
  if (k < 0) return { name: '', address, file: '', startLine: 0, lineno: 0, objfile };
  const f = t.functions[t.lineFunction[k]!]!;
  const name = keep.fn ? f.name : '';
  const rawFile = keep.file ? trimSourcePath(f.filename) : '';
  const file = rawFile === '' ? '' : cleanPath(rawFile);
  // Without a name, pprof keeps the object file and start line in the identity.
  const anonymous = name === '';
  return {
    name,
    address,
    file,
    startLine: anonymous ? f.startLine : 0,
    lineno: keep.line ? t.lineNumber[k]! : 0,
    objfile: anonymous ? objfile : '',
  };
}

function keyOf(i: NodeInfo): string {
  return `${i.name}\u0000${i.address}\u0000${i.file}\u0000${i.startLine}\u0000${i.lineno}\u0000${i.objfile}`;
}

/** Builds the node table for the filtered view at a granularity. */
export function buildNodes(view: FilterView, granularity: Granularity, noInlines: boolean): NodeTable {
  const keep = keepFor(granularity);
  const t = view.table;
  const ids = new Map<string, number>();
  const infos: NodeInfo[] = [];
  const nLoc = t.count;
  const locOffsets = new Uint32Array(nLoc + 1);
  const intern = (info: NodeInfo): number => {
    const key = keyOf(info);
    let id = ids.get(key);
    if (id === undefined) {
      id = infos.length;
      ids.set(key, id);
      infos.push(info);
    }
    return id;
  };
  // At function granularity a named function's node depends on its name alone: one lookup per
  // function of the table, and per line only a load. Anonymous functions keep the object file and
  // start line in their identity, so they are interned line by line.
  const byFunction = granularity === 'functions' ? new Int32Array(t.functions.length).fill(-1) : null;
  const byName = new Map<string, number>();
  const nodeOfLine = (li: number, k: number): number => {
    if (byFunction === null) return intern(infoOf(t, li, k, keep));
    const fi = t.lineFunction[k]!;
    let id = byFunction[fi]!;
    if (id >= 0) return id;
    const name = t.functions[fi]!.name;
    if (name === '') return intern(infoOf(t, li, k, keep));
    id = byName.get(name) ?? -1;
    if (id < 0) {
      // Its identity key could only ever match another named function's, which comes here too.
      id = infos.length;
      infos.push(infoOf(t, li, k, keep));
      byName.set(name, id);
    }
    byFunction[fi] = id;
    return id;
  };
  const { lineStart } = t;
  let size = 0;
  for (let li = 0; li < nLoc; li++) {
    const n = lineStart[li + 1]! - lineStart[li]!;
    size += n === 0 ? 1 : noInlines ? 1 : n;
  }
  const locNodes = new Int32Array(size);
  // Every node is made by some slot of locNodes, so `size` bounds the node ids.
  const inlined = new Uint8Array(size);
  let out = 0;
  for (let li = 0; li < nLoc; li++) {
    let first = lineStart[li]!;
    const end = lineStart[li + 1]!;
    if (first === end) {
      locNodes[out++] = intern(infoOf(t, li, -1, keep));
    } else {
      // With -noinlines a location keeps only its outermost line.
      if (noInlines) first = end - 1;
      for (let k = first; k < end; k++) {
        const id = nodeOfLine(li, k);
        if (k !== end - 1) inlined[id] = 1;
        locNodes[out++] = id;
      }
    }
    locOffsets[li + 1] = out;
  }
  const isInlined = inlined.slice(0, infos.length);
  return { infos, locOffsets, locNodes, isInlined };
}

/** The row name pprof prints for a node. */
export function printableName(i: NodeInfo): string {
  const parts: string[] = [];
  if (i.address !== 0n) parts.push(i.address.toString(16).padStart(16, '0'));
  if (i.name !== '') parts.push(i.name);
  if (i.lineno !== 0) parts.push(`${i.file}:${i.lineno}`);
  else if (i.file !== '') parts.push(i.file);
  else if (i.name !== '') { /* the name alone identifies it */ }
  else if (i.objfile !== '') parts.push(`[${baseName(i.objfile)}]`);
  else parts.push('<unknown>');
  return parts.join(' ');
}

/** Go's fmt.Sprint of pprof's node identity: the final tie-break of its sorts. */
export function infoSortKey(i: NodeInfo): string {
  return `{${i.name}  ${i.address} ${i.file} ${i.startLine} ${i.lineno} ${i.objfile}}`;
}

function baseName(p: string): string {
  const trimmed = p.replace(/\/+$/, '');
  if (trimmed === '') return p === '' ? '.' : '/';
  const slash = trimmed.lastIndexOf('/');
  return slash < 0 ? trimmed : trimmed.slice(slash + 1);
}
