package dev.coffer.api.xml;

import static dev.coffer.api.xml.GoldenXml.resource;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Each request record parses the AWS reference example. */
class RequestGoldenTest {

    private final S3Xml xml = new S3Xml();

    @Test
    void deleteWithoutNamespaceOrQuiet() {
        Delete delete = xml.read(resource("Delete.xml"), Delete.class);
        assertThat(delete.quiet()).isFalse();
        assertThat(delete.objects()).containsExactly(
                new Delete.ObjectIdentifier("sample1.txt", null, null),
                new Delete.ObjectIdentifier("sample2.txt", null, null));
    }

    @Test
    void deleteQuietWithVersionAndETag() {
        Delete delete = xml.read(resource("Delete-quiet-versioned.xml"), Delete.class);
        assertThat(delete.quiet()).isTrue();
        assertThat(delete.objects()).containsExactly(new Delete.ObjectIdentifier("SampleDocument.txt",
                "OYcLXagmS.WaD..oyH4KRguB95_YhLs7", "\"9b2cf535f27731c974343645a3985328\""));
    }

    @Test
    void deleteWithOneObject() {
        Delete delete = xml.read("<Delete><Object><Key>k</Key></Object></Delete>".getBytes(), Delete.class);
        assertThat(delete.objects()).containsExactly(new Delete.ObjectIdentifier("k", null, null));
    }

    @Test
    void createBucketConfiguration() {
        var config = xml.read(resource("CreateBucketConfiguration.xml"), CreateBucketConfiguration.class);
        assertThat(config.locationConstraint()).isEqualTo("Europe");
    }

    @Test
    void createBucketConfigurationIgnoresLocationAndBucket() {
        var config = xml.read(resource("CreateBucketConfiguration-directory.xml"), CreateBucketConfiguration.class);
        assertThat(config.locationConstraint()).isNull();
    }

    @Test
    void taggingKeepsItsTagsInOrder() {
        Tagging tagging = xml.read(resource("Tagging.xml"), Tagging.class);
        assertThat(tagging.tagSet().tags()).containsExactly(new Tagging.Tag("tag1", "val1"), new Tagging.Tag("tag2", "val2"));
    }

    @Test
    void taggingWithOneTagAndWithoutATagSet() {
        Tagging one = xml.read("<Tagging><TagSet><Tag><Key>k</Key><Value></Value></Tag></TagSet></Tagging>".getBytes(),
                Tagging.class);
        assertThat(one.tagSet().tags()).containsExactly(new Tagging.Tag("k", ""));
        assertThat(xml.read("<Tagging/>".getBytes(), Tagging.class).tagSet()).isNull();
    }
}
