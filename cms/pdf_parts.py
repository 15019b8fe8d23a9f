"""A long PDF laid out in parts and joined into one (see `cms.pdf.write_pdf`).

WeasyPrint lays a document out whole: its memory grows with the document (a report of 5,000
contributions took 1 GiB). Laid out in parts, a part's layout is freed before the next one, and
the parts are laid out side by side, one process per core. Nothing here imports Django: those
processes start fresh and only lay out HTML.

The join keeps what PDF/UA asks for: one structure tree (every part's elements under the first
part's Document element, the parent tree numbered through), the parts' named destinations (a
link of the contents reaches the part it points to), their bookmarks, and the first part's
language, title and metadata. What counts across the parts, "page 3 of 41" and the running
title, is laid out apart, in empty pages (the frames: pieces of the document's pages, side by
side), and drawn on each page as a pagination artifact, which is what it is for a screen reader.
"""

import concurrent.futures
import gc
import io
import multiprocessing
import warnings

# In the layout processes, the cyclic collector's youngest generation collected every 50,000
# allocations instead of 700, the older ones in proportion: WeasyPrint makes millions of
# short-lived objects, and collecting them took a sixth of a part's layout (benchmarks/README.md).
LAYOUT_GC_THRESHOLD = (50_000, 50, 100)


def lay_out(html, tagged=True):
    """One HTML document as a PDF: tagged (PDF/UA), but for a frame, whose pages only carry
    pagination."""
    from weasyprint import HTML

    pdf = HTML(string=html).write_pdf(pdf_variant="pdf/ua-1" if tagged else None)
    return _fold_text_spans(pdf) if tagged else pdf


def _fold_text_spans(pdf):
    """WeasyPrint tags every run of text as a Span of its own under the element it is in: half of
    a long table's objects, and of the memory a join takes. A run's marked content is given to
    that element directly instead, as the structure allows (an element's kids may be marked
    content): screen readers read the same text in the same elements."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        if "/StructTreeRoot" not in document.Root:
            return pdf
        tree = document.Root.StructTreeRoot.ParentTree.Nums
        parents = dict(zip((int(key) for key in list(tree)[::2]), list(tree)[1::2], strict=True))
        for page in document.pages:
            elements = parents[int(page.StructParents)]
            for mcid, element in enumerate(elements):
                if _is_text_run(element):
                    owner = element.P
                    owner.K = pikepdf.Array(
                        mcid if isinstance(kid, pikepdf.Object) and kid.objgen == element.objgen else kid
                        for kid in owner.K
                    )
                    elements[mcid] = owner
        output = io.BytesIO()
        document.save(output, object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return output.getvalue()


def _is_text_run(element):
    """A Span that holds one run of text and says nothing else, on the page of its parent."""
    import pikepdf

    return (
        isinstance(element, pikepdf.Dictionary)
        and element.get("/S") == pikepdf.Name.Span
        and set(element.keys()) == {"/Type", "/S", "/K", "/Pg", "/P"}
        and len(element.K) == 1
        and isinstance(element.K[0], int)
        and "/Pg" in element.P
        and element.P.Pg.objgen == element.Pg.objgen
    )


class Layout:
    """Documents laid out side by side in `processes` processes of their own, or one after the
    other in this one when fewer than two are asked for (a process takes about a second to
    start). `submit` gives a future of the PDF either way."""

    def __init__(self, processes):
        self.processes, self.pool = processes, None

    def __enter__(self):
        if self.processes >= 2:
            self.pool = concurrent.futures.ProcessPoolExecutor(
                max_workers=self.processes,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=gc.set_threshold,
                initargs=LAYOUT_GC_THRESHOLD,
            )
        return self

    def __exit__(self, *exception):
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)

    def submit(self, html, tagged=True):
        if self.pool is not None:
            return self.pool.submit(lay_out, html, tagged)
        future = concurrent.futures.Future()
        future.set_result(lay_out(html, tagged))
        return future


def page_count(pdf):
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        return len(document.pages)


def join(pdfs, frames=()):
    """The PDFs one after the other as one tagged PDF, with the pages of `frames` (one after the
    other, as many as theirs, untagged) drawn over theirs."""
    import pikepdf

    joined = pikepdf.open(io.BytesIO(pdfs[0]))
    tree = joined.Root.StructTreeRoot
    document = tree.K[0]
    numbers = tree.ParentTree.Nums
    next_key = max((int(key) for key in list(numbers)[::2]), default=-1) + 1
    if "/Names" not in joined.Root:
        joined.Root.Names = pikepdf.Dictionary()
    if "/Dests" not in joined.Root.Names:
        joined.Root.Names.Dests = pikepdf.NameTree.new(joined).obj
    destinations = pikepdf.NameTree(joined.Root.Names.Dests)
    owned = set()
    for pdf in pdfs[1:]:
        with pikepdf.open(io.BytesIO(pdf)) as part:
            first = len(joined.pages)
            with warnings.catch_warnings():  # the named destinations are copied below
                warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
                joined.pages.extend(part.pages)
            kids = part.Root.StructTreeRoot.K[0].K
            for kid in kids:
                del kid.P  # else copying it would copy the part's whole tree again
            for kid in kids:
                copied = joined.copy_foreign(kid)
                copied.P = document
                document.K.append(copied)
            part_numbers = list(part.Root.StructTreeRoot.ParentTree.Nums)
            parents = dict(zip((int(key) for key in part_numbers[::2]), part_numbers[1::2], strict=True))
            for page in joined.pages[first:]:
                owners = [(page.obj, "/StructParents")] + [
                    (annotation, "/StructParent")
                    for annotation in page.obj.get("/Annots", [])
                    if "/StructParent" in annotation
                ]
                for owner, field in owners:
                    numbers.append(next_key)
                    numbers.append(_copy(joined, parents[int(owner[field])]))
                    owner[field] = next_key
                    next_key += 1
            if "/Names" in part.Root and "/Dests" in part.Root.Names:
                for name, destination in pikepdf.NameTree(part.Root.Names.Dests).items():
                    destinations[name] = _copy(joined, destination)
            _copy_bookmarks(joined, part, first)
            _own_streams(joined.pages[first:], owned)
    drawn = 0
    for frame in frames:
        with pikepdf.open(io.BytesIO(frame)) as furniture:
            pages = joined.pages[drawn : drawn + len(furniture.pages)]
            _draw_frame(joined, pages, furniture)
            _own_streams(pages, owned)
            drawn += len(furniture.pages)
    if frames and drawn != len(joined.pages):
        raise ValueError(f"frames of {drawn} pages for {len(joined.pages)}")
    output = io.BytesIO()
    joined.save(output, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return output.getvalue()


def _own_streams(pages, owned):
    """The streams the pages use, read from the part they were copied from (they would be read
    only when the joined PDF is saved), so that each part is closed once copied and the join
    holds one part at a time. `owned`: the streams read already (a font is shared by pages)."""
    import pikepdf

    stack = [page.obj.get(key) for page in pages for key in ("/Contents", "/Resources")]
    while stack:
        value = stack.pop()
        if isinstance(value, pikepdf.Object) and value.is_indirect:
            if value.objgen in owned:
                continue
            owned.add(value.objgen)
        if isinstance(value, pikepdf.Stream):
            value.write(
                value.read_raw_bytes(), filter=value.get("/Filter"), decode_parms=value.get("/DecodeParms")
            )
        if isinstance(value, pikepdf.Dictionary | pikepdf.Stream):
            stack.extend(item for key, item in value.items() if key not in ("/Parent", "/Length"))
        elif isinstance(value, pikepdf.Array):
            stack.extend(value)


def _copy(joined, value):
    """A value of another part's PDF in the joined one: its objects copied once, its pages mapped
    to their copies."""
    import pikepdf

    if isinstance(value, pikepdf.Array) and not value.is_indirect:
        return pikepdf.Array([_copy(joined, item) for item in value])
    if isinstance(value, pikepdf.Object) and value.is_indirect:
        return joined.copy_foreign(value)
    return value


def _copy_bookmarks(joined, part, first):
    """The part's bookmarks after the joined PDF's, at the same places of the copied pages."""
    import pikepdf

    pages = {page.objgen: index for index, page in enumerate(part.pages)}

    def copied(item):
        destination = item.destination
        if isinstance(destination, pikepdf.Array) and len(destination):
            index = pages[destination[0].objgen] + first
            destination = pikepdf.Array([joined.pages[index].obj, *list(destination)[1:]])
        new = pikepdf.OutlineItem(item.title, destination)
        new.children.extend(copied(child) for child in item.children)
        return new

    with part.open_outline() as outline:
        items = [copied(item) for item in outline.root]
    with joined.open_outline() as outline:
        # A part goes on from the document its first part opens: under that one's title.
        (outline.root[-1].children if outline.root else outline.root).extend(items)


def _draw_frame(joined, pages, frame):
    """Each frame page drawn over its page, apart from the page's own content (its graphics state
    saved and restored around it) and marked as a pagination artifact."""
    import pikepdf

    for page, furniture in zip(pages, frame.pages, strict=True):
        form = joined.copy_foreign(furniture.as_form_xobject())
        name = page.add_resource(form, pikepdf.Name.XObject, prefix="Frame")
        page.contents_add(b"q\n", prepend=True)
        page.contents_add(b"\nQ\n/Artifact <</Type /Pagination>> BDC q " + bytes(name) + b" Do Q EMC\n")
