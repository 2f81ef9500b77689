# get_username_from_mail_address of CoursewareHub/scripts/cwh.py (ocs-templates 7e5e0ec),
# verbatim, with a loop over argv: the teacher id the notebooks compute (issue 22's tests).
import hashlib
import re
import sys


def get_username_from_mail_address(mail_address: str) -> str:
    # Convert to lower and remove characters except alphabetic
    wk = mail_address.split("@")
    local_part = wk[0].lower()
    result = re.sub(r"[^a-zA-Z0-9]", "", local_part)
    # Add top 6bytes of hash string
    md5 = hashlib.md5()
    md5.update(mail_address.encode("us-ascii"))
    h = md5.hexdigest()[0:6]
    result += "x"
    result += h
    return result

for a in sys.argv[1:]:
    print(get_username_from_mail_address(a))
