import pickle

import pytest

from careqa.demo.background import DemoFiles
from careqa.regulators.parsers import parse_file
from careqa.regulators.records import UNSET, ServiceRecord


def test_a_record_read_in_another_process_keeps_unset_as_the_one_unset():
    record = ServiceRecord(location_id="1-1", row=2)
    copy = pickle.loads(pickle.dumps(record))
    assert copy.name is UNSET
    assert pickle.loads(pickle.dumps(UNSET)) is UNSET


def test_the_files_come_in_import_order_each_with_what_the_parser_reads(tmp_path):
    files = DemoFiles(
        tmp_path, scale="council", history_years=1, latest_ratings_only=True, ofsted_first=True
    )
    received = list(files)
    names = [path.name for path, _ in received]
    assert [n.startswith("ofsted") for n in names] == [True, True, False, False, False]
    assert [n for n in names if "Latest_ratings" in n] == ["01_November_2026_Latest_ratings.csv"]
    for path, parsed in received:
        again = parse_file(path)
        assert parsed.rows == again.rows
        assert parsed.layout == again.layout
        assert [s.location_id for s in parsed.services] == [s.location_id for s in again.services]


def test_a_failure_in_the_writing_process_stops_the_load_with_its_message(tmp_path):
    files = DemoFiles(tmp_path, scale="council", fmt="pdf")
    with pytest.raises(RuntimeError, match="format must be one of"):
        list(files)
    files.stop()
