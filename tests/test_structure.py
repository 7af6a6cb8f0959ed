"""The MkDocs structures renda makes for its pages are those MkDocs would make."""

from __future__ import annotations

from renda.mkdocs_adapter import structure


def test_the_pages_files_are_those_mkdocs_makes(tmp_path):
    from mkdocs.config import load_config
    from mkdocs.structure.files import File, InclusionLevel

    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: 测试\n", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    config.plugins._current_plugin = "renda"  # as while MkDocs runs our on_files
    pages = [("deputies/zhang-wei.md", "---\n{}\n---\n\n正文", InclusionLevel.NOT_IN_NAV),
             ("deputies/index.md", "", InclusionLevel.INCLUDED),
             ("print/deputies/zhang-wei/2024.md", "正文", InclusionLevel.NOT_IN_NAV)]

    def seen(file: File) -> tuple:
        return (vars(file).copy(), file.dest_uri, file.url, file.abs_dest_path, file.generated_by,
                file.content_string, file.is_documentation_page(), file.edit_uri, file.name)

    made, expected = structure.PageFiles(config), []
    for uri, content, inclusion in pages:
        expected.append(seen(File.generated(config, uri, content=content, inclusion=inclusion)))
    assert [seen(made(*page)) for page in pages] == expected
    assert expected[1][1:3] == ("deputies/index.html", "deputies/")

    # Should MkDocs' generated file hold anything else, MkDocs makes every one.
    class Other(structure.PageFiles):
        SHAPE = structure.PageFiles.SHAPE | {"another"}

    made = Other(config)
    assert [seen(made(*page)) for page in pages] == expected and made.like == {}
