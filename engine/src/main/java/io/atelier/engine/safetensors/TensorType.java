package io.atelier.engine.safetensors;

import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import java.util.Optional;

/** The element types a safetensors header may name that the engine reads, with their sizes and DJL types. */
public enum TensorType {
    F64("F64", 8, DataType.FLOAT64),
    F32("F32", 4, DataType.FLOAT32),
    F16("F16", 2, DataType.FLOAT16),
    BF16("BF16", 2, DataType.BFLOAT16),
    I64("I64", 8, DataType.INT64),
    I32("I32", 4, DataType.INT32),
    I16("I16", 2, DataType.INT16),
    I8("I8", 1, DataType.INT8),
    U8("U8", 1, DataType.UINT8),
    BOOL("BOOL", 1, DataType.BOOLEAN);

    private final String wireName;
    private final int bytes;
    private final DataType dataType;

    TensorType(String wireName, int bytes, DataType dataType) {
        this.wireName = wireName;
        this.bytes = bytes;
        this.dataType = dataType;
    }

    public static Optional<TensorType> byWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }

    public String wireName() {
        return wireName;
    }

    public int bytes() {
        return bytes;
    }

    public DataType dataType() {
        return dataType;
    }

    public boolean isFloat() {
        return this == F64 || this == F32 || this == F16 || this == BF16;
    }
}
