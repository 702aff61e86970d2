package io.atelier.engine.safetensors;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * A safetensors file (u64 little-endian header length, a JSON header, then raw little-endian data), opened for reading
 * without loading it: the header is read and checked whole at open (every offset inside the file, sizes matching
 * dtype and shape, no two tensors overlapping), and tensors are memory-mapped one at a time on demand. On a CPU the
 * NDArray made from a mapping shares the mapped pages (DJL's PyTorch engine wraps a direct buffer without copying),
 * so a 4 GB float32 checkpoint is never held twice. The file is never executed or unpickled: it is only data.
 */
public final class SafeTensorsFile implements TensorSource {

    private final FileChannel channel;
    private final long dataStart;
    private final Map<String, TensorInfo> tensors;
    private final Map<String, String> metadata;

    private SafeTensorsFile(FileChannel channel, long dataStart, Map<String, TensorInfo> tensors,
                            Map<String, String> metadata) {
        this.channel = channel;
        this.dataStart = dataStart;
        this.tensors = tensors;
        this.metadata = metadata;
    }

    /**
     * Opens and checks the header.
     *
     * @throws SafeTensorsFormatException when the file is not valid safetensors (the message says why)
     */
    public static SafeTensorsFile open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            long size = channel.size();
            ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            if (size >= 8) {
                readFully(channel, lengthBytes, 0);
            }
            long headerLength = SafeTensorsHeader.headerLength(lengthBytes, size);
            ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
            readFully(channel, headerBytes, 8);
            SafeTensorsHeader header = SafeTensorsHeader.parse(headerBytes.array(), size - 8 - headerLength);
            return new SafeTensorsFile(channel, 8 + headerLength, header.tensors(), header.metadata());
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer target, long position) throws IOException {
        long at = position;
        while (target.hasRemaining()) {
            int read = channel.read(target, at);
            if (read < 0) {
                throw new SafeTensorsFormatException("the file ends inside its header");
            }
            at += read;
        }
    }

    /** Every tensor by name, in header order. */
    @Override
    public Map<String, TensorInfo> tensors() {
        return tensors;
    }

    @Override
    public TensorInfo info(String name) {
        TensorInfo info = tensors.get(name);
        if (info == null) {
            throw new IllegalArgumentException("no tensor named " + name);
        }
        return info;
    }

    /** The {@code __metadata__} strings (empty when the file has none). */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** The tensor's bytes, memory-mapped read-only, little-endian; valid after this file is closed. */
    public ByteBuffer bytes(String name) throws IOException {
        TensorInfo info = info(name);
        MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, dataStart + info.begin(),
                info.byteLength());
        mapped.order(ByteOrder.LITTLE_ENDIAN);
        return mapped;
    }

    /**
     * The tensor as an NDArray of its stored type (bfloat16 widened to float32) on {@code manager}'s device. On a CPU
     * it shares the mapped pages:
     * never write into it (convert with {@code toType}/{@code toDevice}, which copy, before changing values).
     */
    @Override
    public NDArray array(NDManager manager, String name) throws IOException {
        TensorInfo info = info(name);
        if (info.type() == TensorType.BF16) {
            return convertedArray(manager, name, DataType.FLOAT32, manager.getDevice());
        }
        Shape shape = new Shape(info.shape());
        if (info.byteLength() == 0) {
            return manager.create(shape, info.type().dataType());
        }
        return manager.create(bytes(name), shape, info.type().dataType());
    }

    /**
     * The tensor converted to {@code type} on {@code device}, owned by {@code target}: a copy made from a temporary
     * mapping that is unmapped as soon as the copy exists, so a float16 file loaded as float32 does not keep the
     * file's pages resident beside the converted weights.
     */
    @Override
    public NDArray convertedArray(NDManager target, String name, DataType type, Device device) throws IOException {
        ByteBuffer mapped = bytes(name);
        TensorInfo info = info(name);
        try (NDManager staging = NDManager.newBaseManager(Device.cpu())) {
            NDArray view;
            if (info.byteLength() == 0) {
                view = staging.create(new Shape(info.shape()), DataType.FLOAT32);
            } else if (info.type() == TensorType.BF16) {
                // libtorch 2.7.1 through DJL aborts the process on a bfloat16 tensor made from a buffer: widen it here.
                view = staging.create(bfloat16ToFloat32(mapped), new Shape(info.shape()), DataType.FLOAT32);
            } else {
                view = staging.create(mapped, new Shape(info.shape()), info.type().dataType());
            }
            NDArray converted = view.toType(type, true).toDevice(device, false);
            converted.attach(target);
            view.close();
            return converted;
        } finally {
            Unmapping.unmap(mapped);
        }
    }

    /** bfloat16 is the upper half of a float32: widening is a shift. */
    private static ByteBuffer bfloat16ToFloat32(ByteBuffer half) {
        int count = half.remaining() / 2;
        ByteBuffer wide = ByteBuffer.allocateDirect(4 * count).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            wide.putInt(4 * i, (half.getShort(2 * i) & 0xffff) << 16);
        }
        return wide;
    }

    /** A floating point tensor's values as float32 (F32, F16 and BF16 converted in Java), for small tensors. */
    public float[] floats(String name) throws IOException {
        TensorInfo info = info(name);
        if (info.elementCount() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " is too large to read into a Java array");
        }
        ByteBuffer data = bytes(name);
        float[] values = new float[(int) info.elementCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (info.type()) {
                case F32 -> data.getFloat(4 * i);
                case F64 -> (float) data.getDouble(8 * i);
                case F16 -> HalfFloats.halfToFloat(data.getShort(2 * i));
                case BF16 -> Float.intBitsToFloat((data.getShort(2 * i) & 0xffff) << 16);
                default -> throw new IllegalArgumentException(name + " is not a floating point tensor");
            };
        }
        return values;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
