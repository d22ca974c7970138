package dev.coffer.api.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The drive UI's files, read once from the classpath folder at start-up into an immutable map
 * from relative path ("index.html", "js/app.js") to bytes. Serving is a map lookup, so no request
 * path can reach a file outside the folder, and no request touches the disk.
 */
public final class UiAssets {

    /** One file: its bytes, Content-Type and strong ETag. */
    public record Asset(byte[] bytes, String contentType, String etag) {}

    private final Map<String, Asset> assets;

    public UiAssets(Map<String, byte[]> files) {
        Map<String, Asset> map = new LinkedHashMap<>();
        files.forEach((path, bytes) -> map.put(path, new Asset(bytes, contentType(path), etag(bytes))));
        this.assets = Map.copyOf(map);
    }

    /** Reads every file under {@code classpath:<folder>/}. */
    public static UiAssets fromClasspath(String folder) {
        try {
            PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(UiAssets.class.getClassLoader());
            Resource root = resolver.getResource("classpath:" + folder + "/index.html");
            String base = root.getURL().toString();
            base = base.substring(0, base.length() - "index.html".length());
            Map<String, byte[]> files = new LinkedHashMap<>();
            for (Resource r : resolver.getResources("classpath:" + folder + "/**/*.*")) {
                String url = r.getURL().toString();
                if (!r.isReadable() || !url.startsWith(base)) {
                    continue;
                }
                try (InputStream in = r.getInputStream()) {
                    files.put(url.substring(base.length()), in.readAllBytes());
                }
            }
            return new UiAssets(files);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the drive UI from classpath:" + folder, e);
        }
    }

    public Optional<Asset> get(String relativePath) {
        return Optional.ofNullable(assets.get(relativePath));
    }

    public int size() {
        return assets.size();
    }

    static String contentType(String path) {
        String ext = path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        switch (ext) {
            case "html": return "text/html; charset=utf-8";
            case "js":
            case "mjs": return "text/javascript; charset=utf-8";
            case "css": return "text/css; charset=utf-8";
            case "json": return "application/json";
            case "webmanifest": return "application/manifest+json";
            case "svg": return "image/svg+xml";
            case "png": return "image/png";
            case "ico": return "image/x-icon";
            case "txt": return "text/plain; charset=utf-8";
            default: return "application/octet-stream";
        }
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(sha, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
