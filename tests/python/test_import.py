"""e911.load() reads PowerShell exports (a folder, a ZIP, a Get-Cs* file) like a configuration."""
import shutil

import e911
from conftest import ROOT

BACKUP = ROOT / "examples" / "tenant-export" / "backup"


def test_load_an_export_folder():
    cfg = e911.load(str(BACKUP))
    assert sorted(g.id for g in cfg.gateways) == ["sbc1.fabrikam.com", "sbc2.fabrikam.com"]


def test_load_an_export_zip(tmp_path):
    archive = shutil.make_archive(str(tmp_path / "backup"), "zip", str(BACKUP))
    cfg = e911.load(archive)
    assert len(cfg.locations) == 5


def test_load_the_config_that_includes_the_export():
    cfg = e911.load(str(ROOT / "examples" / "tenant-export" / "tenant.yaml"))
    assert len(cfg.psaps) == 3


def test_config_export_powershell_and_cmdlet_json(campus):
    script = campus.export()
    assert "New-CsTeamsEmergencyCallRoutingPolicy" in script
    assert campus.export(since=campus).rstrip().endswith("# no changes")
    files = campus.export(to="cmdlet-json")
    assert "Get-CsOnlinePSTNGateway.txt" in files
    # What the cmdlets would return imports back.
    import json
    assert len(json.loads(files["Get-CsOnlineLisLocation.txt"])) == len(campus.locations)


def test_config_export_rejects_unknown_targets(campus):
    import pytest
    with pytest.raises(e911.UsageError):
        campus.export(to="xml")


def test_load_a_single_get_cs_file():
    cfg = e911.load(str(BACKUP / "Get-CsOnlinePSTNGateway.txt"))
    assert sorted(g.id for g in cfg.gateways) == ["sbc1.fabrikam.com", "sbc2.fabrikam.com"]
