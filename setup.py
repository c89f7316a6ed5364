"""Hand-written nbdev 2 setup.py: every setting comes from settings.ini."""
from configparser import ConfigParser
import setuptools

config = ConfigParser(delimiters=['='])
config.read('settings.ini', encoding='utf-8')
cfg = config['DEFAULT']

for key in 'version description keywords author author_email lib_name user min_python license'.split():
    if key not in cfg: raise ValueError(f"settings.ini is missing `{key}`")

statuses = ['1 - Planning', '2 - Pre-Alpha', '3 - Alpha', '4 - Beta', '5 - Production/Stable', '6 - Mature', '7 - Inactive']
requirements = cfg.get('requirements', '').split()
dev_requirements = cfg.get('dev_requirements', '').split()
console_scripts = cfg.get('console_scripts', '').split()
data_pkg = cfg['lib_path'] + '.data_samples'

setuptools.setup(
    name=cfg['lib_name'],
    version=cfg['version'],
    description=cfg['description'],
    long_description=open('README.md', encoding='utf-8').read(),
    long_description_content_type='text/markdown',
    keywords=cfg['keywords'],
    author=cfg['author'],
    author_email=cfg['author_email'],
    license='Apache-2.0',
    classifiers=[
        f"Development Status :: {statuses[int(cfg['status']) - 1]}",
        f"Intended Audience :: {cfg['audience'].title()}",
        f"Natural Language :: {cfg['language'].title()}",
        f"Programming Language :: Python :: 3",
    ],
    packages=setuptools.find_packages(include=[cfg['lib_path'], cfg['lib_path'] + '.*']) + [data_pkg],
    # `data_samples/` (tiny pipeline, heads) is installed as `<lib_path>/data_samples`;
    # an editable install maps the same package name to the folder in place.
    package_dir={data_pkg: 'data_samples'},
    include_package_data=True,
    package_data={cfg['lib_path']: ['data/**/*', 'data/*'], data_pkg: ['*', '**/*']},
    install_requires=requirements,
    extras_require={'dev': dev_requirements},
    python_requires='>=' + cfg['min_python'],
    zip_safe=False,
    entry_points={'console_scripts': console_scripts, 'nbdev': [f"{cfg['lib_path']}={cfg['lib_path']}._modidx:d"]},
)
