// Builds the TFLite metadata flatbuffer (metadata_schema.fbs, identifier "M001") that
// MediaPipe Tasks reads to preprocess a float32 image input: an ImageProperties content
// (RGB) and a NormalizationOptions process unit, value = (pixel - mean) / std.
import * as flatbuffers from 'flatbuffers';
import { METADATA_IDENTIFIER } from './flatbuffer.mjs';

const CONTENT_PROPERTIES_IMAGE = 2; // union ContentProperties { ..., ImageProperties = 2 }
const COLOR_SPACE_RGB = 1; // enum ColorSpaceType { UNKNOWN, RGB, GRAYSCALE }
const PROCESS_UNIT_NORMALIZATION = 1; // union ProcessUnitOptions { NormalizationOptions = 1, ... }

function floatVector(b, values) {
  b.startVector(4, values.length, 4);
  for (let i = values.length - 1; i >= 0; i--) b.addFloat32(values[i]);
  return b.endVector();
}

function offsetVector(b, offsets) {
  b.startVector(4, offsets.length, 4);
  for (let i = offsets.length - 1; i >= 0; i--) b.addOffset(offsets[i]);
  return b.endVector();
}

/**
 * @param {{ name: string, description: string, inputName: string, mean: number[], std: number[] }} spec
 * @returns {Uint8Array}
 */
export function buildImageModelMetadata(spec) {
  if (spec.mean.length !== spec.std.length || spec.mean.length === 0) {
    throw new Error('mean and std must be non-empty and of equal length');
  }
  const b = new flatbuffers.Builder(512);
  const mean = floatVector(b, spec.mean);
  const std = floatVector(b, spec.std);
  b.startObject(2); // NormalizationOptions { mean: [float]; std: [float]; }
  b.addFieldOffset(0, mean, 0);
  b.addFieldOffset(1, std, 0);
  const normalization = b.endObject();

  b.startObject(2); // ProcessUnit { options (union: type slot 0, value slot 1) }
  b.addFieldInt8(0, PROCESS_UNIT_NORMALIZATION, 0);
  b.addFieldOffset(1, normalization, 0);
  const processUnits = offsetVector(b, [b.endObject()]);

  b.startObject(2); // ImageProperties { color_space; default_size; }
  b.addFieldInt8(0, COLOR_SPACE_RGB, 0);
  const imageProperties = b.endObject();

  b.startObject(3); // Content { content_properties (union: slots 0, 1); range; }
  b.addFieldInt8(0, CONTENT_PROPERTIES_IMAGE, 0);
  b.addFieldOffset(1, imageProperties, 0);
  const content = b.endObject();

  const tensorName = b.createString(spec.inputName);
  b.startObject(7); // TensorMetadata { name; description; dimension_names; content; process_units; ... }
  b.addFieldOffset(0, tensorName, 0);
  b.addFieldOffset(3, content, 0);
  b.addFieldOffset(4, processUnits, 0);
  const inputTensors = offsetVector(b, [b.endObject()]);

  b.startObject(9); // SubGraphMetadata { name; description; input_tensor_metadata; ... }
  b.addFieldOffset(2, inputTensors, 0);
  const subgraphs = offsetVector(b, [b.endObject()]);

  const name = b.createString(spec.name);
  const description = b.createString(spec.description);
  b.startObject(8); // ModelMetadata { name; description; version; subgraph_metadata; ... }
  b.addFieldOffset(0, name, 0);
  b.addFieldOffset(1, description, 0);
  b.addFieldOffset(3, subgraphs, 0);
  b.finish(b.endObject(), METADATA_IDENTIFIER);
  return b.asUint8Array().slice();
}

/** Reads back the normalization mean/std of the first input tensor (for checks and tests). */
export function readImageNormalization(metadataBytes) {
  const bb = new flatbuffers.ByteBuffer(metadataBytes);
  if (!bb.__has_identifier(METADATA_IDENTIFIER)) throw new Error('metadata identifier is not M001');
  const table = (pos) => ({
    field(slot) {
      const rel = bb.__offset(pos, 4 + slot * 2);
      return rel ? pos + rel : 0;
    },
  });
  const deref = (fieldPos) => bb.__indirect(fieldPos);
  const vectorItem = (fieldPos, i) => deref(bb.__vector(fieldPos) + i * 4);
  const root = table(bb.readInt32(bb.position()) + bb.position());
  const subgraph = table(vectorItem(root.field(3), 0));
  const tensor = table(vectorItem(subgraph.field(2), 0));
  const unit = table(vectorItem(tensor.field(4), 0));
  if (bb.readUint8(unit.field(0)) !== PROCESS_UNIT_NORMALIZATION) throw new Error('no NormalizationOptions');
  const options = table(deref(unit.field(1)));
  const floats = (fieldPos) => {
    const start = bb.__vector(fieldPos);
    return Array.from({ length: bb.__vector_len(fieldPos) }, (_, i) => bb.readFloat32(start + i * 4));
  };
  return { mean: floats(options.field(0)), std: floats(options.field(1)) };
}
