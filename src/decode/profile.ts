/**
 * Decodes profile.proto bytes (already decompressed) into a DecodedProfile.
 * Field numbers follow proto/profile.proto. Repeated scalars are accepted
 * packed and unpacked; unknown fields of every wire type are skipped.
 */

import { PprofError } from '../errors.js';
import { WireReader, WireType, readTag } from './wire.js';
import { SampleBuilder } from './samples.js';
import { StringResolver, StringTableBuilder } from './strings.js';
import { LocationColumnsBuilder } from './locations.js';
import type { DecodedFunction, DecodedMapping, DecodedProfile, DecodedValueType } from './types.js';

/** String-index form of a ValueType, resolved at the end. */
interface PendingValueType { type: number; unit: number }
interface PendingMapping extends Omit<DecodedMapping, 'filename' | 'buildId'> { filenameX: number; buildIdX: number }
interface PendingFunction extends Omit<DecodedFunction, 'name' | 'systemName' | 'filename'> {
  nameX: number; systemNameX: number; filenameX: number;
}

/** Scalar profile fields; seeing one twice means two profiles were concatenated. */
const SCALAR_FIELDS: Readonly<Record<number, string>> = {
  7: 'drop_frames', 8: 'keep_frames', 9: 'time_nanos', 10: 'duration_nanos',
  11: 'period_type', 12: 'period', 14: 'default_sample_type', 15: 'doc_url',
};

/** Bytes still arriving (overlapped decompression): decoding waits for them field by field. */
export interface ArrivingBytes {
  /** Returns once `end` bytes (capped at the total) are available. */
  waitFor(end: number): void;
}

/** Longest tag plus longest varint: enough bytes to read any non-delimited field. */
const MAX_SCALAR_FIELD = 16;

/**
 * Decodes uncompressed profile.proto bytes. When `arriving` is given, `buf`
 * is still being filled and each top-level field is read only once all its
 * bytes are there. With `keepBytes`, the result may keep views of `buf`
 * (sample stacks are not copied, see decode/samples.ts): the caller must
 * never modify `buf` afterwards. With `checkInPass` too, the ids of stacks
 * kept as bytes are not read here at all: the model leaves their check to
 * the first pass over them (see model/sample-table.ts). Throws PprofError.
 */
export function decodeProfileProto(
  buf: Uint8Array, arriving?: ArrivingBytes, keepBytes = false, checkInPass = false,
): DecodedProfile {
  const r = new WireReader(buf);
  const sampleTypes: PendingValueType[] = [];
  const samples = new SampleBuilder(buf.length, keepBytes, !checkInPass);
  const mappings: PendingMapping[] = [];
  const locations = new LocationColumnsBuilder();
  const functions: PendingFunction[] = [];
  const strings = new StringTableBuilder();
  const comments: number[] = [];
  const seen = new Set<number>();
  let dropFrames = 0;
  let keepFrames = 0;
  let timeNanos = 0n;
  let durationNanos = 0n;
  let periodType: PendingValueType | null = null;
  let period = 0n;
  let defaultSampleType = 0;
  let docUrl = 0;
  let typesAfterSamples = false;

  while (r.pos < r.end) {
    r.context = 'profile';
    r.contextIndex = -1;
    if (arriving !== undefined) waitForField(r, arriving);
    const tag = readTag(r);
    const field = tag >>> 3;
    const wt = tag & 7;
    if (SCALAR_FIELDS[field] !== undefined) {
      if (seen.has(field)) {
        throw new PprofError('concatenated',
          `field ${SCALAR_FIELDS[field]} appears twice: the input looks like concatenated profiles`);
      }
      seen.add(field);
    }
    if (wt === WireType.Bytes) {
      switch (field) {
        case 1:
          if (samples.count > 0) typesAfterSamples = true;
          sampleTypes.push(readValueType(r, `sample_type ${sampleTypes.length}`));
          continue;
        case 2: {
          r.context = 'sample';
          r.contextIndex = samples.count;
          const end = r.readLengthEnd();
          samples.add(r, end);
          // Reject at the first bad sample rather than after storing all of them (10^8 empty
          // samples took 11 s and 1.6 GB). Producers write sample types first; when none came
          // yet, or more come after samples (concatenated profiles), the model's check applies.
          if (sampleTypes.length > 0 && !typesAfterSamples && samples.lastValueCount() !== sampleTypes.length) {
            throw new PprofError('invalid-profile',
              `sample ${samples.count - 1} has ${samples.lastValueCount()} values but the profile has ${sampleTypes.length} sample types`);
          }
          continue;
        }
        case 3: mappings.push(readMapping(r, mappings.length)); continue;
        case 4:
          if (locations.count === 0) reserveLocations(locations, r.end - r.pos);
          readLocation(r, locations);
          continue;
        case 5: functions.push(readFunction(r, functions.length)); continue;
        case 6: {
          const end = r.readLengthEnd();
          strings.add(r.pos, end);
          r.pos = end;
          continue;
        }
        case 11: periodType = readValueType(r, 'period_type'); continue;
        case 13: {
          const end = r.readLengthEnd();
          while (r.pos < end) comments.push(r.readInt64Safe('comment'));
          if (r.pos !== end) r.fail('comment overruns its length');
          continue;
        }
        default: break;
      }
    } else if (wt === WireType.Varint) {
      switch (field) {
        case 7: dropFrames = r.readInt64Safe('drop_frames'); continue;
        case 8: keepFrames = r.readInt64Safe('keep_frames'); continue;
        case 9: timeNanos = r.readInt64Big(); continue;
        case 10: durationNanos = r.readInt64Big(); continue;
        case 12: period = r.readInt64Big(); continue;
        case 13: comments.push(r.readInt64Safe('comment')); continue;
        case 14: defaultSampleType = r.readInt64Safe('default_sample_type'); continue;
        case 15: docUrl = r.readInt64Safe('doc_url'); continue;
        default: break;
      }
    }
    if (field <= 15 && field !== 0 && isKnownField(field)) {
      r.fail(`field ${field} has unexpected wire type ${wt}`);
    }
    r.skip(wt, field);
  }

  const table = strings.build(buf);
  if (table.length === 0) {
    throw new PprofError('invalid-profile', 'string table is empty (string_table[0] must be the empty string)');
  }
  if (table[0] !== '') {
    throw new PprofError('invalid-profile', `string_table[0] must be the empty string, got ${JSON.stringify(table[0])}`);
  }
  const st = new StringResolver(table);
  const vt = (v: PendingValueType, what: string): DecodedValueType =>
    ({ type: st.get(v.type, `${what} type`), unit: st.get(v.unit, `${what} unit`) });

  return {
    sampleTypes: sampleTypes.map((v, i) => vt(v, `sample_type ${i}`)),
    samples: samples.finish(st, buf),
    mappings: mappings.map((m): DecodedMapping => ({
      id: m.id,
      memoryStart: m.memoryStart,
      memoryLimit: m.memoryLimit,
      fileOffset: m.fileOffset,
      filename: st.of(m.filenameX, 'mapping', m.id, 'filename'),
      buildId: st.of(m.buildIdX, 'mapping', m.id, 'build_id'),
      hasFunctions: m.hasFunctions,
      hasFilenames: m.hasFilenames,
      hasLineNumbers: m.hasLineNumbers,
      hasInlineFrames: m.hasInlineFrames,
    })),
    locations: locations.finish(),
    // Built field by field: a rest-and-spread copy cost 4 us a function (70 ms on 16k functions).
    functions: functions.map((f): DecodedFunction => ({
      id: f.id,
      name: st.of(f.nameX, 'function', f.id, 'name'),
      systemName: st.of(f.systemNameX, 'function', f.id, 'system_name'),
      filename: st.of(f.filenameX, 'function', f.id, 'filename'),
      startLine: f.startLine,
    })),
    dropFrames: st.get(dropFrames, 'drop_frames'),
    keepFrames: st.get(keepFrames, 'keep_frames'),
    timeNanos,
    durationNanos,
    periodType: periodType === null ? null : vt(periodType, 'period_type'),
    period,
    comments: comments.map((c, i) => st.get(c, `comment ${i}`)),
    defaultSampleType: st.get(defaultSampleType, 'default_sample_type'),
    docUrl: st.get(docUrl, 'doc_url'),
  };
}

/** Waits until the whole top-level field at r.pos has arrived (its length prefix says how long it is). */
function waitForField(r: WireReader, arriving: ArrivingBytes): void {
  arriving.waitFor(r.pos + MAX_SCALAR_FIELD);
  const start = r.pos;
  const tag = readTag(r);
  if ((tag & 7) === WireType.Bytes) {
    const end = r.readLengthEnd();
    arriving.waitFor(end);
  }
  r.pos = start;
}

function isKnownField(field: number): boolean {
  return field >= 1 && field <= 15;
}

/**
 * Runs `body` for each field of the length-delimited message at r.pos. The
 * message is named `context` followed by `index` (when >= 0) in errors, built
 * only if one is thrown.
 */
function forEachField(
  r: WireReader, context: string, index: number, body: (field: number, wt: number) => boolean,
): void {
  const end = r.readLengthEnd();
  const outerEnd = r.end;
  r.end = end;
  r.context = context;
  r.contextIndex = index;
  while (r.pos < end) {
    const tag = readTag(r);
    const field = tag >>> 3;
    const wt = tag & 7;
    if (!body(field, wt)) r.skip(wt, field);
  }
  r.end = outerEnd;
}

function readValueType(r: WireReader, context: string): PendingValueType {
  const v: PendingValueType = { type: 0, unit: 0 };
  forEachField(r, context, -1, (field, wt) => {
    if (wt !== WireType.Varint) return false;
    if (field === 1) v.type = r.readInt64Safe('type');
    else if (field === 2) v.unit = r.readInt64Safe('unit');
    else return false;
    return true;
  });
  return v;
}

function readMapping(r: WireReader, index: number): PendingMapping {
  const m: PendingMapping = {
    id: 0n, memoryStart: 0n, memoryLimit: 0n, fileOffset: 0n, filenameX: 0, buildIdX: 0,
    hasFunctions: false, hasFilenames: false, hasLineNumbers: false, hasInlineFrames: false,
  };
  forEachField(r, 'mapping #', index, (field, wt) => {
    if (wt !== WireType.Varint) return false;
    switch (field) {
      case 1: m.id = r.readUint64Big(); return true;
      case 2: m.memoryStart = r.readUint64Big(); return true;
      case 3: m.memoryLimit = r.readUint64Big(); return true;
      case 4: m.fileOffset = r.readUint64Big(); return true;
      case 5: m.filenameX = r.readInt64Safe('filename'); return true;
      case 6: m.buildIdX = r.readInt64Safe('build_id'); return true;
      case 7: m.hasFunctions = r.readBool(); return true;
      case 8: m.hasFilenames = r.readBool(); return true;
      case 9: m.hasLineNumbers = r.readBool(); return true;
      case 10: m.hasInlineFrames = r.readBool(); return true;
      default: return false;
    }
  });
  return m;
}

/**
 * Locations and their lines are the most numerous messages after samples
 * (10^5 in big profiles): read with plain loops, not forEachField's closures,
 * straight into columns (decode/locations.ts), and with the error context
 * kept as numbers (r.contextIndex, r.contextLine).
 */
function readLine(r: WireReader, out: LocationColumnsBuilder): void {
  const k = out.beginLine();
  const end = r.readLengthEnd();
  const outerEnd = r.end;
  r.end = end;
  while (r.pos < end) {
    const tag = readTag(r);
    const field = tag >>> 3;
    const wt = tag & 7;
    if (wt === WireType.Varint && field === 1) out.functionId.read(k, r);
    else if (wt === WireType.Varint && field === 2) out.line.data[k] = r.readInt64Safe('line');
    else if (wt === WireType.Varint && field === 3) out.column.data[k] = r.readInt64Safe('column');
    else r.skip(wt, field);
  }
  r.end = outerEnd;
}

/**
 * Room for the locations of a profile whose first location starts `rest`
 * bytes before the end. Go writes locations after the samples and mappings,
 * and a location with its line takes 20 bytes or more, so rest / 16 covers
 * them with a margin (the functions and strings that follow are in `rest`
 * too); capped, so that a writer that puts locations first does not make
 * columns sized by its samples. Beyond the guess the columns grow as usual.
 */
function reserveLocations(out: LocationColumnsBuilder, rest: number): void {
  const guess = Math.min(Math.ceil(rest / 16), LOCATION_GUESS_MAX);
  // Small columns come from the allocator's heap, which zeroes (touches) all of them: a guess that
  // is mostly margin would cost more than the few copies it saves.
  if (guess >= LOCATION_GUESS_MIN) out.reserve(guess, guess);
}

/** The most locations (and lines) reserveLocations makes room for ahead: 2^20, 8 MB a float64 column. */
const LOCATION_GUESS_MAX = 1 << 20;
/** Below this many, the columns grow as they always did. */
const LOCATION_GUESS_MIN = 1 << 15;

function readLocation(r: WireReader, out: LocationColumnsBuilder): void {
  const end = r.readLengthEnd();
  const outerEnd = r.end;
  r.end = end;
  const i = out.begin();
  r.context = 'location #';
  r.contextIndex = i;
  let lines = 0;
  while (r.pos < end) {
    const tag = readTag(r);
    const field = tag >>> 3;
    const wt = tag & 7;
    if (field === 4 && wt === WireType.Bytes) {
      r.contextLine = lines++;
      readLine(r, out);
      r.contextLine = -1;
      continue;
    }
    if (wt !== WireType.Varint) {
      r.skip(wt, field);
      continue;
    }
    switch (field) {
      case 1: out.id.read(i, r); break;
      case 2: out.mappingId.read(i, r); break;
      case 3: out.address.read(i, r); break;
      case 5: out.folded(r.readBool()); break;
      default: r.skip(wt, field);
    }
  }
  r.end = outerEnd;
}

function readFunction(r: WireReader, index: number): PendingFunction {
  const f: PendingFunction = { id: 0n, nameX: 0, systemNameX: 0, filenameX: 0, startLine: 0 };
  forEachField(r, 'function #', index, (field, wt) => {
    if (wt !== WireType.Varint) return false;
    switch (field) {
      case 1: f.id = r.readUint64Big(); return true;
      case 2: f.nameX = r.readInt64Safe('name'); return true;
      case 3: f.systemNameX = r.readInt64Safe('system_name'); return true;
      case 4: f.filenameX = r.readInt64Safe('filename'); return true;
      case 5: f.startLine = r.readInt64Safe('start_line'); return true;
      default: return false;
    }
  });
  return f;
}
