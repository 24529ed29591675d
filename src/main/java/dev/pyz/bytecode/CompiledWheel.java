package dev.pyz.bytecode;

import dev.pyz.cache.CachedZip;
import java.util.List;

/**
 * A wheel's bytecode in the cache: a zip of pycs under the wheel's archive folder, ready to be copied
 * into the zipapp after the wheel's packed entries, and the modules the interpreter refused (left to be
 * compiled at run time, as they would be without bytecode).
 */
public record CompiledWheel(String fileName, String sha256, CachedZip zip, int pycs, List<String> skipped) {}
