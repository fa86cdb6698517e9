import pytest

from careqa.jobs.tests.conftest import OutsideDatabase


@pytest.fixture
def outside_db(transactional_db, tmp_path):
    return OutsideDatabase(tmp_path)
