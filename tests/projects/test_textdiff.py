from projects.textdiff import highlight_changes


def test_edited_text_marks_words_added_and_removed():
    html = highlight_changes("De livegang is in juni.", "De livegang is in september.")
    assert html == "De livegang is in <del>juni.</del><ins>september.</ins>"


def test_rewritten_text_is_shown_whole_and_escaped():
    html = highlight_changes("oud verhaal over iets", "<script>nieuw</script> totaal anders")
    assert html.startswith("<del>oud verhaal over iets</del><br><ins>&lt;script&gt;")
