package dev.coffer.api.xml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.api.error.S3Exception;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** The multipart shapes, against the examples of the AWS API reference (trimmed of whitespace). */
class MultipartXmlTest {
    private static final String DECL = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    private static final String NS = " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"";
    private final S3Xml xml = new S3Xml();

    private String write(Object o) {
        return new String(xml.write(o), StandardCharsets.UTF_8);
    }

    @Test
    void initiateMultipartUploadResult() {
        assertThat(write(new InitiateMultipartUploadResult("example-bucket", "example-object",
                "VXBsb2FkIElEIGZvciA2aWWpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA")))
                .isEqualTo(DECL + "<InitiateMultipartUploadResult" + NS + "><Bucket>example-bucket</Bucket>"
                        + "<Key>example-object</Key><UploadId>VXBsb2FkIElEIGZvciA2aWWpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA"
                        + "</UploadId></InitiateMultipartUploadResult>");
    }

    @Test
    void completeMultipartUploadResultUnwrapsItsChecksums() {
        assertThat(write(new CompleteMultipartUploadResult("http://Example-Bucket.s3.region.amazonaws.com/Example-Object",
                "Example-Bucket", "Example-Object", "\"3858f62230ac3c915f300c664312c11f-9\"",
                ChecksumValues.of("CRC32", "AAAAAA==-9"), "COMPOSITE")))
                .isEqualTo(DECL + "<CompleteMultipartUploadResult" + NS + "><Location>http://Example-Bucket.s3.region."
                        + "amazonaws.com/Example-Object</Location><Bucket>Example-Bucket</Bucket><Key>Example-Object</Key>"
                        + "<ETag>&quot;3858f62230ac3c915f300c664312c11f-9&quot;</ETag><ChecksumCRC32>AAAAAA==-9</ChecksumCRC32>"
                        + "<ChecksumType>COMPOSITE</ChecksumType></CompleteMultipartUploadResult>");
    }

    @Test
    void copyPartResult() {
        assertThat(write(new CopyPartResult(Instant.parse("2009-10-28T22:32:00Z"), "\"9b2cf535f27731c974343645a3985328\"",
                ChecksumValues.NONE)))
                .isEqualTo(DECL + "<CopyPartResult" + NS + "><LastModified>2009-10-28T22:32:00.000Z</LastModified>"
                        + "<ETag>&quot;9b2cf535f27731c974343645a3985328&quot;</ETag></CopyPartResult>");
    }

    @Test
    void listPartsResult() {
        Owner owner = new Owner("8b27d4b0fc460740425b9deef56fa1af", "someName");
        String out = write(new ListPartsResult("example-bucket", "example-object", "XXBsb2FkIElEIGZvciBlbHZpbmcncyVcdS1tb3ZpZS5tMnRzEEEwbG9hZA",
                1, 3, 2, true, List.of(new ListPartsResult.Part(2, Instant.parse("2010-11-10T20:48:34Z"),
                        "\"7778aef83f66abc1fa1e8477f296d394\"", 10485760, ChecksumValues.NONE),
                new ListPartsResult.Part(3, Instant.parse("2010-11-10T20:48:33Z"), "\"aaaa18db4cc2f85cedef654fccc4a4x8\"",
                        10485760, ChecksumValues.of("CRC32", "AAAAAA=="))),
                owner, owner, "STANDARD", null, null));
        assertThat(out).contains("<PartNumberMarker>1</PartNumberMarker><NextPartNumberMarker>3</NextPartNumberMarker>"
                        + "<MaxParts>2</MaxParts><IsTruncated>true</IsTruncated><Part><PartNumber>2</PartNumber>"
                        + "<LastModified>2010-11-10T20:48:34.000Z</LastModified><ETag>&quot;7778aef83f66abc1fa1e8477f296d394&quot;"
                        + "</ETag><Size>10485760</Size></Part>")
                .contains("<Size>10485760</Size><ChecksumCRC32>AAAAAA==</ChecksumCRC32></Part><Initiator><ID>")
                .endsWith("<StorageClass>STANDARD</StorageClass></ListPartsResult>");
    }

    @Test
    void listMultipartUploadsResultWithPrefixes() {
        Owner owner = new Owner("b1d16700c70b0b05597d7acd6a3f92be", "InitiatorDisplayName");
        String out = write(new ListMultipartUploadsResult("bucket", "", "", "sample.jpg", "Xgw4MJT6ZPAVxpY0SAuGN7q4uWJJM22ZYg1W99trdp4tpO88.PT6.MhO0w2E17eutfAvQfQWoajgE_W2gpcxQw--",
                "/", "photos/2006/", 1000, false, List.of(new ListMultipartUploadsResult.Upload("my-divisor", "XMgbGlrZSBlbHZpbmcncyBub3QgaGF2aW5nIG11Y2ggbHVjaw",
                        owner, owner, "STANDARD", Instant.parse("2010-11-10T20:48:33Z"), null, null)),
                List.of(new CommonPrefix("photos/2006/February/")), null));
        assertThat(out).contains("<Delimiter>/</Delimiter><Prefix>photos/2006/</Prefix><MaxUploads>1000</MaxUploads>"
                        + "<IsTruncated>false</IsTruncated><Upload><Key>my-divisor</Key>")
                .contains("<Initiated>2010-11-10T20:48:33.000Z</Initiated></Upload>"
                        + "<CommonPrefixes><Prefix>photos/2006/February/</Prefix></CommonPrefixes></ListMultipartUploadsResult>");
    }

    @Test
    void getObjectAttributesResponse() {
        String out = write(new GetObjectAttributesResponse("abc-2", new GetObjectAttributesResponse.Checksum(
                ChecksumValues.of("SHA256", "x"), "COMPOSITE"), new GetObjectAttributesResponse.ObjectParts(2, 0, 1, 1, true,
                List.of(new GetObjectAttributesResponse.Part(1, 5, ChecksumValues.of("SHA256", "p")))), "STANDARD", 10L));
        assertThat(out).isEqualTo(DECL + "<GetObjectAttributesResponse" + NS + "><ETag>abc-2</ETag><Checksum>"
                + "<ChecksumSHA256>x</ChecksumSHA256><ChecksumType>COMPOSITE</ChecksumType></Checksum><ObjectParts>"
                + "<PartsCount>2</PartsCount><PartNumberMarker>0</PartNumberMarker><NextPartNumberMarker>1"
                + "</NextPartNumberMarker><MaxParts>1</MaxParts><IsTruncated>true</IsTruncated><Part><PartNumber>1"
                + "</PartNumber><Size>5</Size><ChecksumSHA256>p</ChecksumSHA256></Part></ObjectParts><StorageClass>"
                + "STANDARD</StorageClass><ObjectSize>10</ObjectSize></GetObjectAttributesResponse>");
    }

    @Test
    void completeMultipartUploadRequestIsRead() {
        String body = "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">\n"
                + "  <Part><PartNumber>1</PartNumber><ETag>&quot;a54357aff0632cce46d942af68356b38&quot;</ETag></Part>\n"
                + "  <Part><PartNumber>2</PartNumber><ETag>&quot;0c78aef83f66abc1fa1e8477f296d394&quot;</ETag>"
                + "<ChecksumCRC32>AAAAAA==</ChecksumCRC32></Part>\n</CompleteMultipartUpload>";
        CompleteMultipartUpload read = xml.read(body.getBytes(StandardCharsets.UTF_8), CompleteMultipartUpload.class);
        assertThat(read.parts()).hasSize(2);
        assertThat(read.parts().get(1).partNumber()).isEqualTo(2);
        assertThat(read.parts().get(1).checksums().asMap()).containsEntry("CRC32", "AAAAAA==");
        Assertions.assertThatThrownBy(() -> xml.read("<CompleteMultipartUpload><Part>".getBytes(StandardCharsets.UTF_8),
                CompleteMultipartUpload.class)).isInstanceOf(S3Exception.class);
    }
}
