/**
 * Report nodes: what one row of `top` stands for at a given granularity
 * (a function, a file, a source line, an address). Each location expands to
 * one node per kept line, innermost first, the way pprof's graph does; two
 * lines with the same identity share a node.
 */

import type { Profile } from '../model/profile.js';
import type { Line, Location } from '../model/types.js';
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

function infoOf(loc: Location, line: Line | null, keep: Keep): NodeInfo {
  const objfile = loc.mapping?.filename ?? '';
  const address = keep.address ? loc.address : 0n;
  if (line === null) return { name: '', address, file: '', startLine: 0, lineno: 0, objfile };
  const f = line.function;
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
    lineno: keep.line ? line.line : 0,
    objfile: anonymous ? objfile : '',
  };
}

function keyOf(i: NodeInfo): string {
  return `${i.name}\u0000${i.address}\u0000${i.file}\u0000${i.startLine}\u0000${i.lineno}\u0000${i.objfile}`;
}

/** Builds the node table for the filtered view at a granularity. */
export function buildNodes(profile: Profile, view: FilterView, granularity: Granularity, noInlines: boolean): NodeTable {
  const keep = keepFor(granularity);
  const locs = profile.locations;
  const ids = new Map<string, number>();
  const infos: NodeInfo[] = [];
  const locOffsets = new Uint32Array(locs.length + 1);
  const out: number[] = [];
  const inlinedFlags: number[] = [];
  const intern = (info: NodeInfo): number => {
    const key = keyOf(info);
    let id = ids.get(key);
    if (id === undefined) {
      id = infos.length;
      ids.set(key, id);
      infos.push(info);
      inlinedFlags.push(0);
    }
    return id;
  };
  // At function granularity a named function's node depends on its name alone: look it up once per function.
  const byFunction = granularity === 'functions' ? new Int32Array(profile.functions.length).fill(-1) : null;
  const nodeOf = (loc: Location, line: Line): number => {
    const fi = line.function.index;
    if (byFunction === null || line.function.name === '') return intern(infoOf(loc, line, keep));
    let id = byFunction[fi] ?? -1;
    // Checked by name too: a function object of a transformed profile may not sit at its index.
    if (id < 0 || infos[id]!.name !== line.function.name) {
      id = intern(infoOf(loc, line, keep));
      if (fi < byFunction.length) byFunction[fi] = id;
    }
    return id;
  };
  for (let li = 0; li < locs.length; li++) {
    const loc = locs[li]!;
    let lines = view.locationLines[li]!;
    if (noInlines && lines.length > 1) lines = lines.slice(lines.length - 1);
    if (lines.length === 0) {
      out.push(intern(infoOf(loc, null, keep)));
    } else {
      for (let k = 0; k < lines.length; k++) {
        const id = nodeOf(loc, lines[k]!);
        if (k !== lines.length - 1) inlinedFlags[id] = 1;
        out.push(id);
      }
    }
    locOffsets[li + 1] = out.length;
  }
  return { infos, locOffsets, locNodes: Int32Array.from(out), isInlined: Uint8Array.from(inlinedFlags) };
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
