package io.commgov.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Finding 9 of issue 19: what goes into a mail or an IM message is plain text; a subject is one header line. */
class PlainTextTest {

    @Test
    void aSubjectIsOneLineSoAValueCannotAddAHeader() {
        assertThat(PlainText.oneLine("公告未获批准：标题\r\nBcc: all@example.com")).isEqualTo("公告未获批准：标题 Bcc: all@example.com");
        assertThat(PlainText.oneLine("a\u0000b\u202Ec\u2028d")).isEqualTo("a bc d");
    }

    @Test
    void aBodyKeepsItsLinesButNoControlCharacters() {
        assertThat(PlainText.text("第一行\r\n第二行\r第三行\u0007\u202E")).isEqualTo("第一行\n第二行\n第三行");
        assertThat(PlainText.text("## 标题\n<b>x</b>")).as("no markup format is used, so none is rendered").isEqualTo("## 标题\n<b>x</b>");
    }
}
