// Minimal FlatBuffers reading helpers plus the two TFLite-specific operations the model
// build needs: listing a model's metadata entries and adding a TFLITE_METADATA entry.
// Field slots follow tensorflow/lite/schema/schema.fbs (table Model) and
// tensorflow/lite/schema/metadata_schema.fbs.

export const TFLITE_IDENTIFIER = 'TFL3';
export const METADATA_IDENTIFIER = 'M001';
export const METADATA_NAME = 'TFLITE_METADATA';

/** Model table field slots (schema.fbs). */
const MODEL_FIELDS = [
  'version',
  'operator_codes',
  'subgraphs',
  'description',
  'buffers',
  'metadata_buffer',
  'metadata',
  'signature_defs',
];
const MODEL_VERSION_SLOT = 0;
const MODEL_BUFFERS_SLOT = 4;
const MODEL_METADATA_SLOT = 6;

export class FlatbufferError extends Error {}

function view(bytes) {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function check(cond, message) {
  if (!cond) throw new FlatbufferError(message);
}

/** Reads a table's vtable: returns a function slot -> absolute field position or 0. */
function tableFields(dv, tablePos) {
  check(tablePos >= 0 && tablePos + 4 <= dv.byteLength, `table offset ${tablePos} out of range`);
  const vtablePos = tablePos - dv.getInt32(tablePos, true);
  check(vtablePos >= 0 && vtablePos + 4 <= dv.byteLength, `vtable offset ${vtablePos} out of range`);
  const vtableSize = dv.getUint16(vtablePos, true);
  check(vtableSize >= 4 && vtablePos + vtableSize <= dv.byteLength, 'vtable size out of range');
  const count = (vtableSize - 4) / 2;
  return {
    count,
    field(slot) {
      if (slot >= count) return 0;
      const rel = dv.getUint16(vtablePos + 4 + slot * 2, true);
      return rel === 0 ? 0 : tablePos + rel;
    },
  };
}

function deref(dv, fieldPos) {
  const target = fieldPos + dv.getUint32(fieldPos, true);
  check(target < dv.byteLength, `offset at ${fieldPos} points outside the file`);
  return target;
}

function readVectorOfOffsets(dv, vectorPos) {
  const length = dv.getUint32(vectorPos, true);
  check(vectorPos + 4 + length * 4 <= dv.byteLength, `vector at ${vectorPos} runs past the end`);
  const out = [];
  for (let i = 0; i < length; i++) out.push(deref(dv, vectorPos + 4 + i * 4));
  return out;
}

function readString(dv, stringPos) {
  const length = dv.getUint32(stringPos, true);
  check(stringPos + 4 + length <= dv.byteLength, `string at ${stringPos} runs past the end`);
  return new TextDecoder().decode(new Uint8Array(dv.buffer, dv.byteOffset + stringPos + 4, length));
}

export function fileIdentifier(bytes) {
  if (bytes.byteLength < 8) return '';
  return String.fromCharCode(...bytes.subarray(4, 8));
}

/** Parses the parts of a TFLite model that the build touches. Throws FlatbufferError. */
export function readTfliteModel(bytes) {
  check(bytes.byteLength >= 16, `only ${bytes.byteLength} bytes, too short for a TFLite model`);
  check(
    fileIdentifier(bytes) === TFLITE_IDENTIFIER,
    `file identifier is "${fileIdentifier(bytes)}", expected "${TFLITE_IDENTIFIER}"`,
  );
  const dv = view(bytes);
  const rootPos = dv.getUint32(0, true);
  const root = tableFields(dv, rootPos);
  check(
    root.count <= MODEL_FIELDS.length,
    `Model table has ${root.count} fields; this build knows ${MODEL_FIELDS.length}`,
  );
  const fields = {};
  for (let slot = 0; slot < root.count; slot++) {
    const pos = root.field(slot);
    if (!pos) continue;
    fields[MODEL_FIELDS[slot]] = slot === MODEL_VERSION_SLOT ? dv.getUint32(pos, true) : deref(dv, pos);
  }
  check(fields.subgraphs !== undefined, 'Model has no subgraphs');
  check(fields.buffers !== undefined, 'Model has no buffers vector');
  const bufferTables = readVectorOfOffsets(dv, fields.buffers);
  const metadataTables = fields.metadata === undefined ? [] : readVectorOfOffsets(dv, fields.metadata);
  const metadata = metadataTables.map((tablePos) => {
    const t = tableFields(dv, tablePos);
    const namePos = t.field(0);
    const bufferPos = t.field(1);
    return {
      tablePos,
      name: namePos ? readString(dv, deref(dv, namePos)) : '',
      buffer: bufferPos ? dv.getUint32(bufferPos, true) : 0,
    };
  });
  return { dv, rootPos, root, fields, bufferTables, metadata };
}

/** Returns the bytes of buffer `index` of a TFLite model (empty when the buffer has no data). */
export function tfliteBufferData(bytes, index) {
  const model = readTfliteModel(bytes);
  check(index < model.bufferTables.length, `buffer ${index} does not exist`);
  const t = tableFields(model.dv, model.bufferTables[index]);
  const dataField = t.field(0);
  if (!dataField) return new Uint8Array(0);
  const vec = deref(model.dv, dataField);
  const length = model.dv.getUint32(vec, true);
  check(vec + 4 + length <= bytes.byteLength, 'buffer data runs past the end');
  return bytes.subarray(vec + 4, vec + 4 + length);
}

/** The TFLITE_METADATA flatbuffer inside a model, or null. */
export function tfliteMetadataBuffer(bytes) {
  const model = readTfliteModel(bytes);
  const entry = model.metadata.find((m) => m.name === METADATA_NAME);
  return entry ? tfliteBufferData(bytes, entry.buffer) : null;
}

const align = (n, a) => Math.ceil(n / a) * a;

/**
 * Returns a new model with one more metadata entry, `TFLITE_METADATA`, whose buffer holds
 * `metadataBytes`. The original bytes are kept intact behind a new prefix holding a new
 * root table, so every original offset stays valid (FlatBuffers offsets are relative and
 * point forward). The prefix length is a multiple of 64 to keep buffer alignment.
 */
export function addTfliteMetadata(modelBytes, metadataBytes) {
  const model = readTfliteModel(modelBytes);
  check(
    !model.metadata.some((m) => m.name === METADATA_NAME),
    `model already has a ${METADATA_NAME} entry`,
  );
  const slots = MODEL_FIELDS.length;
  const present = MODEL_FIELDS.map((name, slot) =>
    slot === MODEL_METADATA_SLOT || slot === MODEL_BUFFERS_SLOT || model.fields[name] !== undefined,
  );
  const presentCount = present.filter(Boolean).length;

  // Layout of the prefix.
  const vtablePos = 8;
  const vtableSize = 4 + 2 * slots;
  const rootPos = align(vtablePos + vtableSize, 4);
  const rootSize = 4 + 4 * presentCount;
  const metaVecPos = rootPos + rootSize;
  const metaCount = model.metadata.length + 1;
  const bufVecPos = metaVecPos + 4 + 4 * metaCount;
  const bufCount = model.bufferTables.length + 1;
  const metaVtablePos = bufVecPos + 4 + 4 * bufCount;
  const metaTablePos = metaVtablePos + 8;
  const nameBytes = new TextEncoder().encode(METADATA_NAME);
  const namePos = metaTablePos + 12;
  const bufVtablePos = align(namePos + 4 + nameBytes.length + 1, 4);
  const bufTablePos = bufVtablePos + 8;
  let dataVecPos = bufTablePos + 8;
  while ((dataVecPos + 4) % 16 !== 0) dataVecPos += 4;
  const prefixLength = align(dataVecPos + 4 + metadataBytes.length, 64);

  const out = new Uint8Array(prefixLength + modelBytes.byteLength);
  out.set(modelBytes, prefixLength);
  const dv = new DataView(out.buffer);
  const u32 = (pos, v) => dv.setUint32(pos, v, true);
  const u16 = (pos, v) => dv.setUint16(pos, v, true);
  const offsetTo = (fieldPos, target) => {
    check(target > fieldPos, 'internal: backward offset');
    u32(fieldPos, target - fieldPos);
  };
  const oldTarget = (pos) => prefixLength + pos;

  u32(0, rootPos);
  out.set(new TextEncoder().encode(TFLITE_IDENTIFIER), 4);

  // Root vtable and table.
  u16(vtablePos, vtableSize);
  u16(vtablePos + 2, rootSize);
  dv.setInt32(rootPos, rootPos - vtablePos, true);
  let fieldPos = rootPos + 4;
  MODEL_FIELDS.forEach((name, slot) => {
    if (!present[slot]) return;
    u16(vtablePos + 4 + slot * 2, fieldPos - rootPos);
    if (slot === MODEL_VERSION_SLOT) u32(fieldPos, model.fields.version);
    else if (slot === MODEL_METADATA_SLOT) offsetTo(fieldPos, metaVecPos);
    else if (slot === MODEL_BUFFERS_SLOT) offsetTo(fieldPos, bufVecPos);
    else offsetTo(fieldPos, oldTarget(model.fields[name]));
    fieldPos += 4;
  });

  // metadata: [Metadata] = old entries + ours.
  u32(metaVecPos, metaCount);
  model.metadata.forEach((m, i) => offsetTo(metaVecPos + 4 + i * 4, oldTarget(m.tablePos)));
  offsetTo(metaVecPos + 4 + model.metadata.length * 4, metaTablePos);

  // buffers: [Buffer] = old buffers + ours.
  u32(bufVecPos, bufCount);
  model.bufferTables.forEach((pos, i) => offsetTo(bufVecPos + 4 + i * 4, oldTarget(pos)));
  offsetTo(bufVecPos + 4 + model.bufferTables.length * 4, bufTablePos);

  // table Metadata { name: string; buffer: uint; }
  u16(metaVtablePos, 8);
  u16(metaVtablePos + 2, 12);
  u16(metaVtablePos + 4, 4);
  u16(metaVtablePos + 6, 8);
  dv.setInt32(metaTablePos, metaTablePos - metaVtablePos, true);
  offsetTo(metaTablePos + 4, namePos);
  u32(metaTablePos + 8, model.bufferTables.length);
  u32(namePos, nameBytes.length);
  out.set(nameBytes, namePos + 4);

  // table Buffer { data: [ubyte] (force_align: 16); }
  u16(bufVtablePos, 6);
  u16(bufVtablePos + 2, 8);
  u16(bufVtablePos + 4, 4);
  dv.setInt32(bufTablePos, bufTablePos - bufVtablePos, true);
  offsetTo(bufTablePos + 4, dataVecPos);
  u32(dataVecPos, metadataBytes.length);
  out.set(metadataBytes, dataVecPos + 4);
  return out;
}
