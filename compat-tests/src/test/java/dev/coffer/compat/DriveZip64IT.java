package dev.coffer.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.compat.support.NodeScripts;
import dev.coffer.compat.support.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drive's "Download as zip" past 4 GiB: {@code ui-tests/zip64.node.mjs} streams synthetic
 * files (one of 4097 MiB, then a small one whose header starts past 4 GiB) through the client-zip
 * build the drive serves, as the drive's zip.js feeds it (a Response per file, size unknown), into
 * a file; Info-ZIP's {@code unzip -t} and Python's {@code zipfile} (independent readers) then test
 * every entry's CRC-32 and read back the sizes, the offsets and the big entry's SHA-256. No browser
 * downloads 4 GiB here: the browser's part (fetching objects into the same library) is
 * DriveBrowseUiIT's.
 */
class DriveZip64IT {
    private static final long MIB = 1 << 20;
    private static final long BIG = 4097 * MIB;

    @TempDir
    Path dir;

    private static final String PYTHON_CHECK = """
            import hashlib, struct, sys, zipfile
            def has_zip64(extra):
                p = 0
                while p + 4 <= len(extra):
                    kind, size = struct.unpack('<HH', extra[p:p + 4])
                    if kind == 1:
                        return True
                    p += 4 + size
                return False
            with zipfile.ZipFile(sys.argv[1]) as z:
                for i in z.infolist():
                    h = hashlib.sha256()
                    with z.open(i) as f:  # reading to the end checks the CRC-32
                        for block in iter(lambda: f.read(1 << 20), b''):
                            h.update(block)
                    print('entry', i.filename, i.file_size, i.compress_type, i.header_offset, 'zip64-extra' if has_zip64(i.extra) else 'plain', h.hexdigest())
            with open(sys.argv[1], 'rb') as f:
                f.seek(-200, 2)
                print('zip64 end record' if b'PK\\x06\\x06' in f.read() else 'no zip64 end record')
            """;

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES) // 4 GiB made, then read twice, on a shared machine
    void aZipOfMoreThanFourGibibytesIsValidZip64ForIndependentReaders() throws Exception {
        NodeScripts scripts = NodeScripts.at("ui-tests").require();
        Tools.requireOnPath("unzip", "apt-get install unzip");
        Tools.requireOnPath("python3", "apt-get install python3");
        Path zip = dir.resolve("drive.zip");
        NodeScripts.Result made = scripts.run("zip64.node.mjs", 900, zip.toString());
        assertThat(made.exitCode()).as(made.output()).isZero();
        Matcher sha = Pattern.compile("big.bin - " + BIG + " bytes sha256 ([0-9a-f]{64})").matcher(made.output());
        assertThat(sha.find()).as(made.output()).isTrue();
        assertThat(Files.size(zip)).isGreaterThan(BIG);

        String tested = run(List.of("unzip", "-t", zip.toString()));
        assertThat(tested).contains("testing: small.txt                OK").contains("testing: big.bin                  OK")
                .contains("testing: after.txt                OK").contains("No errors detected");

        String read = run(List.of("python3", "-c", PYTHON_CHECK, zip.toString()));
        assertThat(read).contains("entry big.bin " + BIG + " 0 ").contains("zip64-extra " + sha.group(1))
                .contains("zip64 end record");
        Matcher after = Pattern.compile("entry after.txt 12 0 (\\d+) zip64-extra").matcher(read);
        assertThat(after.find()).as(read).isTrue();
        assertThat(Long.parseLong(after.group(1))).as("after.txt's local header starts past 4 GiB").isGreaterThan(1L << 32);
        System.out.println(made.output().lines().filter(l -> l.startsWith("client-zip - ")).findFirst().orElse(""));
    }

    private String run(List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(dir, "check-", ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError(command.get(0) + " did not finish in 10 minutes: " + Files.readString(log));
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(text);
        assertThat(p.exitValue()).as(text).isZero();
        return text;
    }
}
