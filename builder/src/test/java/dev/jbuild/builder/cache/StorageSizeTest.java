package dev.jbuild.builder.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** go-units RAMInBytes, which Docker's --keep-storage uses (its own test cases, and Docker's examples). */
class StorageSizeTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "32, 32",
        "32b, 32",
        "32B, 32",
        "32k, 32768",
        "32K, 32768",
        "32kb, 32768",
        "32Kb, 32768",
        "32Kib, 32768",
        "32KIB, 32768",
        "32Mb, 33554432",
        "32Gb, 34359738368",
        "32Tb, 35184372088832",
        "32Pb, 36028797018963968",
        "32PB, 36028797018963968",
        "32P, 36028797018963968",
        "'32 k', 32768",
        "'32 MB', 33554432",
        "0, 0",
        "512MB, 536870912",
        "10GB, 10737418240",
        "1.5g, 1610612736",
        "100k, 102400",
        "1MB, 1048576",
        "32.3, 32",
        "32.3k, 33075",
        "0.3 K, 307",
        "'32.3 Mib', 33869004",
        ".5k, 512",
    })
    void parsesLikeGoUnits(String text, long bytes) {
        assertEquals(bytes, StorageSize.parse(text));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "''| invalid size: ''",
        "hello| invalid size: 'hello'",
        "-32| invalid size: '-32'",
        "' 32 '| invalid size: ' 32 '",
        "'32  mb'| invalid size: '32  mb'",
        "32m b| invalid size: '32m b'",
        "32bm| invalid suffix: 'bm'",
        "32x| invalid suffix: 'x'",
        "32kbb| invalid suffix: 'kbb'",
        "32kib2| invalid size: '32kib2'",
        "1.2.3k| invalid size: '1.2.3k'",
        "10EB| invalid suffix: 'eb'",
    })
    void rejectsWithGoUnitsMessage(String text, String message) {
        assertEquals(message, assertThrows(PruneArgumentException.class, () -> StorageSize.parse(text)).getMessage());
    }
}
