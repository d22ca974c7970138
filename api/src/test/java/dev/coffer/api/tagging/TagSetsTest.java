package dev.coffer.api.tagging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.tagging.TagSets.Scope;
import dev.coffer.api.xml.S3Xml;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** S3's tag rules, one edge case each, for the Tagging document and the x-amz-tagging header. */
class TagSetsTest {
    private final S3Xml xml = new S3Xml();

    private Map<String, String> object(String document) {
        return TagSets.fromXml(xml, document.getBytes(StandardCharsets.UTF_8), Scope.OBJECT);
    }

    private static String doc(List<String[]> tags) {
        StringBuilder b = new StringBuilder("<Tagging xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><TagSet>");
        for (String[] t : tags) b.append("<Tag><Key>").append(t[0]).append("</Key><Value>").append(t[1]).append("</Value></Tag>");
        return b.append("</TagSet></Tagging>").toString();
    }

    private static String doc(String key, String value) {
        return doc(List.<String[]>of(new String[] {key, value}));
    }

    private static List<String[]> numbered(int n) {
        return IntStream.range(0, n).mapToObj(i -> new String[] {"key-" + i, "v"}).collect(Collectors.toList());
    }

    private static S3Exception refusal(ThrowingCallable call) {
        return catchThrowableOfType(S3Exception.class, call);
    }

    @Test
    void tenTagsOfEveryAllowedKindAreAnObjectsTagSetInTheClientsOrder() {
        List<String[]> tags = new ArrayList<>(numbered(6));
        tags.add(new String[] {"b c+d-e=f.g_h:i/j@k", "2 + 2 = 4"});
        tags.add(new String[] {"empty", ""});
        tags.add(new String[] {"ü文٣", "Ⅻ ½"});
        tags.add(new String[] {"𝒜".repeat(128), "文".repeat(256)});
        Map<String, String> read = object(doc(tags));
        assertThat(read).hasSize(10);
        assertThat(List.copyOf(read.keySet())).containsExactlyElementsOf(tags.stream().map(t -> t[0]).toList());
        assertThat(read).containsEntry("empty", "").containsEntry("b c+d-e=f.g_h:i/j@k", "2 + 2 = 4");
    }

    @Test
    void anEmptyTagSetIsNoTags() {
        assertThat(object("<Tagging><TagSet></TagSet></Tagging>")).isEmpty();
        assertThat(object("<Tagging><TagSet/></Tagging>")).isEmpty();
    }

    @Test
    void elevenObjectTagsAreABadRequest() {
        S3Exception e = refusal(() -> object(doc(numbered(11))));
        assertThat(e.code()).isEqualTo(S3ErrorCode.BadRequest);
        assertThat(e.getMessage()).isEqualTo("Object tags cannot be greater than 10");
    }

    @Test
    void aBucketTakesFiftyTagsAndNotFiftyOne() {
        byte[] fifty = doc(numbered(50)).getBytes(StandardCharsets.UTF_8);
        assertThat(TagSets.fromXml(xml, fifty, Scope.BUCKET)).hasSize(50);
        S3Exception e = refusal(() -> TagSets.fromXml(xml, doc(numbered(51)).getBytes(StandardCharsets.UTF_8), Scope.BUCKET));
        assertThat(e.code()).isEqualTo(S3ErrorCode.BadRequest);
        assertThat(e.getMessage()).isEqualTo("Bucket tag count cannot be greater than 50");
    }

    @Test
    void aKeyTwiceIsInvalidTagNamingTheKey() {
        S3Exception e = refusal(() -> object(doc(List.of(new String[] {"a", "1"}, new String[] {"a", "2"}))));
        assertThat(e.code()).isEqualTo(S3ErrorCode.InvalidTag);
        assertThat(e.getMessage()).isEqualTo("Cannot provide multiple Tags with the same key");
        assertThat(e.elements()).containsEntry("TagKey", "a");
    }

    @Test
    void aKeyOf129CharactersOrNoneIsAnInvalidKey() {
        for (String key : List.of("k".repeat(129), "𝒜".repeat(129), "")) {
            S3Exception e = refusal(() -> object(doc(key, "v")));
            assertThat(e.code()).isEqualTo(S3ErrorCode.InvalidTag);
            assertThat(e.getMessage()).isEqualTo("The TagKey you have provided is invalid");
            assertThat(e.elements()).containsEntry("TagKey", key);
        }
    }

    @Test
    void aValueOf257CharactersIsAnInvalidValueNamingItsKey() {
        S3Exception e = refusal(() -> object(doc("k", "v".repeat(257))));
        assertThat(e.code()).isEqualTo(S3ErrorCode.InvalidTag);
        assertThat(e.getMessage()).isEqualTo("The TagValue you have provided is invalid");
        assertThat(e.elements()).containsEntry("TagKey", "k").containsEntry("TagValue", "v".repeat(257));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a,b", "a;b", "a?b", "a!b", "a*b", "a#b", "a%b", "a(b)", "a\tb", "😀", "a&amp;b", "a&lt;b"})
    void charactersOutsideTheAllowedSetAreInvalidInKeysAndValues(String text) {
        assertThat(refusal(() -> object(doc(text, "v"))).getMessage()).isEqualTo("The TagKey you have provided is invalid");
        assertThat(refusal(() -> object(doc("k", text))).getMessage()).isEqualTo("The TagValue you have provided is invalid");
    }

    @Test
    void keysBeginningAwsInAnyCaseAreReserved() {
        for (String key : List.of("aws:cost", "AWS:cost", "Aws:x")) {
            S3Exception e = refusal(() -> object(doc(key, "v")));
            assertThat(e.code()).isEqualTo(S3ErrorCode.InvalidTag);
            assertThat(e.getMessage()).isEqualTo("System tags cannot be added/updated by requester");
            assertThat(e.elements()).containsEntry("TagKey", key);
        }
        assertThat(object(doc("k", "aws:value"))).containsEntry("k", "aws:value");
        assertThat(object(doc("my-aws:k", "v"))).containsKey("my-aws:k");
        S3Exception e = refusal(() -> TagSets.fromXml(xml, doc("AWS:cost", "v").getBytes(StandardCharsets.UTF_8), Scope.BUCKET));
        assertThat(e.getMessage()).startsWith("Invalid Tag. Tags cannot start with \"aws:\"(case insensitive)");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<Tagging><TagSet>",
        "<Tagging></Tagging>",
        "<Tagging><TagSet><Tag><Key>a</Key></Tag></TagSet></Tagging>",
        "<Tagging><TagSet><Tag><Value>a</Value></Tag></TagSet></Tagging>",
        "<Tags><TagSet></TagSet></Tags>",
        "",
        "not xml"})
    void documentsThatAreNoTagSetAreMalformedXml(String document) {
        assertThat(refusal(() -> object(document)).code()).isEqualTo(S3ErrorCode.MalformedXML);
    }

    @Test
    void theCountIsCheckedBeforeEachTag() {
        List<String[]> tags = numbered(11);
        tags.set(0, new String[] {"bad,key", "v"});
        assertThat(refusal(() -> object(doc(tags))).code()).isEqualTo(S3ErrorCode.BadRequest);
    }

    @Test
    void theHeaderIsAUrlQueryOfTags() {
        assertThat(TagSets.fromHeader("a=1&b=2")).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
        assertThat(TagSets.fromHeader("a&b=")).containsExactly(Map.entry("a", ""), Map.entry("b", ""));
        assertThat(TagSets.fromHeader("a%20b=c%2Bd&e+f=g=h"))
                .containsExactly(Map.entry("a b", "c+d"), Map.entry("e f", "g=h"));
        assertThat(TagSets.fromHeader("%C3%BC=%E6%96%87")).containsExactly(Map.entry("ü", "文"));
        assertThat(TagSets.fromHeader("a=1&&b=2&")).containsOnlyKeys("a", "b");
        assertThat(TagSets.fromHeader(null)).isEmpty();
        assertThat(TagSets.fromHeader("")).isEmpty();
    }

    @Test
    void rawUtf8BytesInTheHeaderAreTheirCharacters() {
        String wire = new String("k=vé".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertThat(TagSets.fromHeader(wire)).containsExactly(Map.entry("k", "vé"));
        assertThat(TagSets.fromHeader("k=v\u00e9")).as("a raw byte that is no UTF-8 is read as ISO-8859-1, as metadata is")
                .containsExactly(Map.entry("k", "vé"));
        assertThat(TagSets.fromHeader("文=%E6%96%87")).containsExactly(Map.entry("文", "文"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=1&a=2", "=1", "a=%FF", "a=%zz", "a=%4", "%C3=1"})
    void aHeaderThatIsNoTagQueryIsAnInvalidArgument(String header) {
        S3Exception e = refusal(() -> TagSets.fromHeader(header));
        assertThat(e.code()).isEqualTo(S3ErrorCode.InvalidArgument);
        assertThat(e.getMessage()).isEqualTo("The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL "
                + "query parameters without tag name duplicates.");
        assertThat(e.elements()).containsEntry("ArgumentName", "x-amz-tagging").containsEntry("ArgumentValue", header);
    }

    @Test
    void aHeaderIsHeldToAnObjectsRules() {
        String eleven = IntStream.range(0, 11).mapToObj(i -> "k" + i + "=").collect(Collectors.joining("&"));
        assertThat(refusal(() -> TagSets.fromHeader(eleven)).code()).isEqualTo(S3ErrorCode.BadRequest);
        assertThat(refusal(() -> TagSets.fromHeader("a,b=1")).elements()).containsEntry("TagKey", "a,b");
        assertThat(refusal(() -> TagSets.fromHeader("aws:cost=1")).code()).isEqualTo(S3ErrorCode.InvalidTag);
    }

    @Test
    void tagsRenderAsTheirDocument() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("tag1", "val1");
        tags.put("tag2", "val2");
        byte[] rendered = xml.write(TagSets.toXml(tags));
        assertThat(TagSets.fromXml(xml, rendered, Scope.OBJECT)).isEqualTo(tags);
    }
}
