package dev.pyz.bytecode;

/**
 * Whether the zipapp carries bytecode: {@code auto} compiles when a suitable interpreter is found and
 * warns otherwise, {@code required} fails the build without one, {@code off} never compiles.
 */
public enum BytecodeMode {
    AUTO, REQUIRED, OFF;
}
