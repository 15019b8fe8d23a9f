"""Plain texts (demo content, imports) as Wagtail rich text."""

import html


def paragraphs(texts):
    return "".join(f"<p>{html.escape(text, quote=False)}</p>" for text in texts)


def html_list(tag, items):
    return f"<{tag}>" + "".join(f"<li>{html.escape(item, quote=False)}</li>" for item in items) + f"</{tag}>"
